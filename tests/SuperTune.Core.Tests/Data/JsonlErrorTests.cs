using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class JsonlErrorTests : IDisposable
{
    private const string ObjectHint =
        """Each line must be one JSON object, for example {"text": "...", "label": "..."}.""";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void MalformedJson_ReportsLineAndByteColumn()
    {
        string path = folder.Write("train.jsonl", """
            {"text": "a", "label": "x"}
            {"text": "b", "label": }

            """);

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:2:24: invalid JSON: '}}' is an invalid start of a value.", error.Message);
        Assert.Equal(
            "Each line must be one complete JSON object, for example {\"text\": \"...\", \"label\": \"...\"}.",
            error.Hint);
    }

    [Fact]
    public void TruncatedObject_ReportsInvalidJson()
    {
        string path = folder.Write("train.jsonl", "{\"text\": \"a\", \"label\": \"x\"\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1:27: invalid JSON: Expected depth to be zero at the end of the JSON payload. "
            + "There is an open JSON object or array that should be closed.", error.Message);
    }

    [Fact]
    public void JsonArrayFile_HintsAtJsonLines()
    {
        string path = folder.Write("train.json", "[\n  {\"text\": \"a\", \"label\": \"x\"}\n]\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal(1, error.Line);
        Assert.Equal("The file looks like a JSON array. Write one JSON object per line instead (JSON Lines).",
            error.Hint);
    }

    [Fact]
    public void NonObjectLine_ReportsKind()
    {
        string path = folder.Write("train.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n\"just a string\"\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:2: expected a JSON object, found a string", error.Message);
        Assert.Equal(ObjectHint, error.Hint);
    }

    [Fact]
    public void ArrayLine_HintsAtJsonLines()
    {
        string path = folder.Write("train.jsonl", "[{\"text\": \"a\", \"label\": \"x\"}]\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: expected a JSON object, found an array", error.Message);
        Assert.Equal("The file looks like a JSON array. Write one JSON object per line instead (JSON Lines).",
            error.Hint);
    }

    [Fact]
    public void MissingTextField_ListsFieldsAndOption()
    {
        string path = folder.Write("train.jsonl", """
            {"text": "a", "label": "x"}
            {"sentence": "b", "label": "y"}

            """);

        DataException error = ReadExpectingError(path);

        Assert.Equal(
            $"{path}:2: field \"text\" not found in the object. The object has fields \"sentence\", \"label\".",
            error.Message);
        Assert.Equal("Pass --text-column with the name of the field that contains the text.", error.Hint);
    }

    [Fact]
    public void MissingLabelField_ListsFieldsAndOption()
    {
        string path = folder.Write("train.jsonl", "{\"text\": \"a\", \"intent\": \"x\"}\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal(
            $"{path}:1: field \"label\" not found in the object. The object has fields \"text\", \"intent\".",
            error.Message);
        Assert.Equal("Pass --label-column with the name of the field that contains the labels.", error.Hint);
    }

    [Fact]
    public void EmptyObject_SaysItHasNoFields()
    {
        string path = folder.Write("train.jsonl", "{}\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: field \"text\" not found in the object. The object has no fields.", error.Message);
    }

    [Fact]
    public void NumberText_IsRejected()
    {
        string path = folder.Write("train.jsonl", "{\"text\": 42, \"label\": \"x\"}\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: field \"text\" must be a string, found a number", error.Message);
        Assert.Equal("Write the value as a JSON string in double quotes.", error.Hint);
    }

    [Fact]
    public void BooleanLabel_IsRejected()
    {
        string path = folder.Write("train.jsonl", "{\"text\": \"a\", \"label\": true}\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: field \"label\" must be a string or a number, found a boolean", error.Message);
    }

    [Fact]
    public void NullLabel_IsRejectedWhenLabelsRequired()
    {
        string path = folder.Write("train.jsonl", "{\"text\": \"a\", \"label\": null}\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: field \"label\" must be a string or a number, found null", error.Message);
    }

    [Fact]
    public void EmptyText_NamesField()
    {
        string path = folder.Write("train.jsonl", """
            {"text": "a", "label": "x"}

            {"text": "  ", "label": "x"}

            """);

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:3: empty text in field \"text\"", error.Message);
        Assert.Equal("Fill in the text or delete the line.", error.Hint);
    }

    [Fact]
    public void EmptyLabel_NamesField()
    {
        string path = folder.Write("train.jsonl", "{\"text\": \"a\", \"label\": \"\"}\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: empty label in field \"label\"", error.Message);
        Assert.Equal("Fill in the label or delete the line.", error.Hint);
    }

    [Fact]
    public void EmptyFile_IsAnError()
    {
        string path = folder.Write("train.jsonl", "");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: the file is empty", error.Message);
        Assert.Equal("""Write one JSON object per line, for example {"text": "...", "label": "..."}.""", error.Hint);
    }

    [Fact]
    public void OnlyBlankLines_IsAnError()
    {
        string path = folder.Write("train.jsonl", "\n  \n\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: the file contains only blank lines", error.Message);
    }

    [Theory]
    [InlineData("""{"text": "\ud800", "label": "a"}""", "text")]
    [InlineData("""{"text": "a", "label": "\ud800\u0041"}""", "label")]
    [InlineData("""{"text": "\udc00 refund", "label": "a"}""", "text")]
    public void EscapedLoneSurrogate_NamesLineAndField(string line, string field)
    {
        string path = folder.Write("train.jsonl", "{\"text\": \"fine\", \"label\": \"a\"}\n" + line + "\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:2: field \"{field}\" contains an escaped lone surrogate (\\uD800-\\uDFFF without its "
            + "pair), which is not valid Unicode text", error.Message);
    }

    [Fact]
    public void EscapedLoneSurrogateInFieldName_NamesLine()
    {
        string path = folder.Write("train.jsonl", """{"\ud800": "a", "label": "b"}""" + "\n");

        DataException error = ReadExpectingError(path);

        Assert.StartsWith($"{path}:1: a field name contains an escaped lone surrogate", error.Message);
    }

    private static DataException ReadExpectingError(string path) =>
        Assert.Throws<DataException>(() => DatasetReader.Read(path, new DataReadOptions()));
}
