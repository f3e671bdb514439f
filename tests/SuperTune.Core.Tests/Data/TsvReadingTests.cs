using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class TsvReadingTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Read_TabSeparated_KeepsCommasInFields()
    {
        string path = folder.Write("train.tsv", "text\tlabel\nyes, please\tconfirm\n");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("yes, please", "confirm", 2)], dataset.Examples);
    }

    [Fact]
    public void Read_QuotedTabAndNewline_KeepsThem()
    {
        string path = folder.Write("train.tsv", "text\tlabel\n\"a\tb\nc \"\"d\"\"\"\tx\nnext\ty\n");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("a\tb\nc \"d\"", "x", 2), new TextExample("next", "y", 4)], dataset.Examples);
    }

    [Fact]
    public void Read_CommaSeparatedHeader_HintsAtCsv()
    {
        string path = folder.Write("train.tsv", "text,label\nhello,greeting\n");

        var error = Assert.Throws<DataException>(() => DatasetReader.Read(path));

        Assert.Equal("The header looks comma-separated. Pass --format csv or rename the file to end in .csv.",
            error.Hint);
    }

    [Fact]
    public void Read_WrongFieldCount_HintNamesTab()
    {
        string path = folder.Write("train.tsv", "text\tlabel\na\tb\tc\n");

        var error = Assert.Throws<DataException>(() => DatasetReader.Read(path));

        Assert.Equal($"{path}:2: expected 2 fields as in the header, found 3", error.Message);
        Assert.Equal("Put double quotes around a field that contains a tab.", error.Hint);
    }
}
