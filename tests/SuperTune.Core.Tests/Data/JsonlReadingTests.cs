using System.Text;
using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class JsonlReadingTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Read_Objects_ReturnsExamplesWithLines()
    {
        string content = "{\"text\": \" where is my card \", \"label\": \"card_arrival\", \"id\": 7}\n"
            + "\n"
            + "{\"label\": \"refund\", \"text\": \"money back\\nplease\"}\n";
        string path = folder.Write("train.jsonl", content);

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal(
            [
                new TextExample("where is my card", "card_arrival", 1),
                new TextExample("money back\nplease", "refund", 3),
            ],
            dataset.Examples);
    }

    [Fact]
    public void Read_NumberLabel_KeepsDigitsAsWritten()
    {
        string path = folder.Write("train.jsonl", """
            {"text": "great", "label": 3}
            {"text": "bad", "label": 0}
            """);

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("great", "3", 1), new TextExample("bad", "0", 2)], dataset.Examples);
    }

    [Fact]
    public void Read_BomAndCrlf_ReadsAllLines()
    {
        string lines = """{"text": "a", "label": "x"}""" + "\r\n" + """{"text": "b", "label": "y"}""" + "\r\n";
        byte[] content = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(lines)];
        string path = folder.WriteBytes("train.jsonl", content);

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("a", "x", 1), new TextExample("b", "y", 2)], dataset.Examples);
    }

    [Fact]
    public void Read_JsonExtension_ReadsJsonLines()
    {
        string path = folder.Write("train.json", "{\"text\": \"a\", \"label\": \"x\"}\n");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("a", "x", 1)], dataset.Examples);
    }

    [Fact]
    public void Read_CustomFieldNames_UsesOptions()
    {
        string path = folder.Write("train.jsonl", "{\"utterance\": \"hi\", \"intent\": \"greet\"}\n");
        var options = new DataReadOptions { TextColumn = "utterance", LabelColumn = "intent" };

        Dataset dataset = DatasetReader.Read(path, options);

        Assert.Equal([new TextExample("hi", "greet", 1)], dataset.Examples);
    }

    [Fact]
    public void Read_OptionalLabels_GiveNulls()
    {
        string content = "{\"text\": \"a\"}\n{\"text\": \"b\", \"label\": null}\n{\"text\": \"c\", \"label\": \" \"}\n"
            + "{\"text\": \"d\", \"label\": \"x\"}\n";
        string path = folder.Write("predict.jsonl", content);

        Dataset dataset = DatasetReader.Read(path, new DataReadOptions { RequireLabels = false });

        Assert.Equal(
            [
                new TextExample("a", null, 1),
                new TextExample("b", null, 2),
                new TextExample("c", null, 3),
                new TextExample("d", "x", 4),
            ],
            dataset.Examples);
        Assert.Equal(["x"], dataset.Labels);
    }
}
