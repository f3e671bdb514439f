using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class LabeledCsvWriterTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void WrittenFileReadsBackUnchanged()
    {
        TextExample[] examples =
        [
            new("Hello, world", "greeting", 7),
            new("She said \"hi\"", "quote, with comma", 9),
            new("first line\nsecond line", "multi", 12),
            new("plain", "other", 20),
        ];
        string path = System.IO.Path.Combine(folder.Path, "out", "train.csv");

        LabeledCsvWriter.Write(path, examples);
        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal(examples.Select(e => (e.Text, e.Label)), dataset.Examples.Select(e => (e.Text, e.Label)));
        Assert.Empty(dataset.Warnings);
    }

    [Fact]
    public void UnlabelledExampleIsRejected()
    {
        string path = System.IO.Path.Combine(folder.Path, "train.csv");

        var error = Assert.Throws<ArgumentException>(() => LabeledCsvWriter.Write(path, [new("no label", null, 4)]));

        Assert.Contains("line 4", error.Message);
        Assert.False(File.Exists(path));
    }
}
