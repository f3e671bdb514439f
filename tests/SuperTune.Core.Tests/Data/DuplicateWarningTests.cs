using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class DuplicateWarningTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void RepeatedRow_WarnsWithBothLines()
    {
        string path = folder.Write("train.csv", "text,label\nhello,greet\nbye,leave\n hello ,greet\n");

        Dataset dataset = DatasetReader.Read(path);

        DataWarning warning = Assert.Single(dataset.Warnings);
        Assert.Equal(new DataWarning(path, 4, "line 4 repeats line 2"), warning);
        Assert.Equal($"{path}:4: warning: line 4 repeats line 2", warning.ToString());
        Assert.Equal(3, dataset.Examples.Count);
    }

    [Fact]
    public void SameTextTwoLabels_WarnsOfConflict()
    {
        string path = folder.Write(
            "train.csv", "text,label\nmy card is late,card_arrival\nx,y\nmy card is late,card_delivery\n");

        Dataset dataset = DatasetReader.Read(path);

        DataWarning warning = Assert.Single(dataset.Warnings);
        Assert.Equal(4, warning.Line);
        Assert.Equal(
            "line 4 has the same text as line 2 but a different label: \"card_delivery\" here, "
            + "\"card_arrival\" on line 2",
            warning.Message);
    }

    [Fact]
    public void RepeatAfterConflict_WarnsAboutNearestSameRow()
    {
        string path = folder.Write("train.csv", "text,label\nt,a\nt,b\nt,b\nt,a\n");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal(
            [
                new DataWarning(
                    path, 3, "line 3 has the same text as line 2 but a different label: \"b\" here, \"a\" on line 2"),
                new DataWarning(path, 4, "line 4 repeats line 3"),
                new DataWarning(path, 5, "line 5 repeats line 2"),
            ],
            dataset.Warnings);
    }

    [Fact]
    public void TextsDifferingInCase_AreNotDuplicates()
    {
        string path = folder.Write("train.csv", "text,label\nHello,a\nhello,a\n");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Empty(dataset.Warnings);
    }

    [Fact]
    public void UnlabelledRepeat_WarnsAsRepeat()
    {
        string path = folder.Write("predict.jsonl", """
            {"text": "a"}
            {"text": "a"}
            {"text": "a", "label": "x"}

            """);

        Dataset dataset = DatasetReader.Read(path, new DataReadOptions { RequireLabels = false });

        Assert.Equal(
            [
                new DataWarning(path, 2, "line 2 repeats line 1"),
                new DataWarning(path, 3,
                    "line 3 has the same text as line 1 but a different label: \"x\" here, no label on line 1"),
            ],
            dataset.Warnings);
    }
}
