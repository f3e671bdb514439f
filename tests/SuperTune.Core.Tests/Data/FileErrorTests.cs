using System.Text;
using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class FileErrorTests : IDisposable
{
    private const string Utf8Hint =
        "Re-save the file as UTF-8, for example in Excel with Save As and the file type \"CSV UTF-8\".";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void MissingFile_NamesPath()
    {
        string path = Path.Combine(folder.Path, "nope.csv");

        var error = Assert.Throws<SuperTuneException>(() => DatasetReader.Read(path));

        Assert.Equal($"Data file not found: {path}", error.Message);
        Assert.StartsWith("Check the path.", error.Hint);
    }

    [Fact]
    public void Folder_IsNotAFile()
    {
        var error = Assert.Throws<SuperTuneException>(() => DatasetReader.Read(folder.Path));

        Assert.Equal($"Data path {folder.Path} is a folder, not a file.", error.Message);
    }

    [Fact]
    public void UnknownExtension_NamesFileAndFormatOption()
    {
        string path = folder.Write("train.txt", "text,label\na,b\n");

        var error = Assert.Throws<SuperTuneException>(() => DatasetReader.Read(path));

        Assert.Equal($"Cannot tell the format of {path} from its extension \".txt\".", error.Message);
        Assert.Equal(
            "Pass --format csv, --format tsv or --format jsonl, or rename the file to end in .csv, .tsv or .jsonl.",
            error.Hint);
    }

    [Fact]
    public void NoExtension_NamesFileAndFormatOption()
    {
        string path = folder.Write("train", "text,label\na,b\n");

        var error = Assert.Throws<SuperTuneException>(() => DatasetReader.Read(path));

        Assert.Equal($"Cannot tell the format of {path} because its name has no extension.", error.Message);
    }

    [Fact]
    public void InvalidUtf8_ReportsLineAndByteColumn()
    {
        // "café" in Windows-1252: 0xE9 followed by a comma is not a UTF-8 sequence.
        byte[] content = [.. "text,label\nok,a\ncaf"u8, 0xE9, .. ",b\n"u8];
        string path = folder.WriteBytes("train.csv", content);

        var error = Assert.Throws<DataException>(() => DatasetReader.Read(path));

        Assert.Equal(
            $"{path}:3:4: the file is not valid UTF-8: byte 0xE9 at byte 4 of the line cannot be decoded",
            error.Message);
        Assert.Equal(Utf8Hint, error.Hint);
    }

    [Fact]
    public void InvalidUtf8AfterBom_SkipsBomInColumn()
    {
        byte[] content = [.. Encoding.UTF8.GetPreamble(), .. "te"u8, 0xFF, .. "xt,label\n"u8];
        string path = folder.WriteBytes("train.csv", content);

        var error = Assert.Throws<DataException>(() => DatasetReader.Read(path));

        Assert.Equal(
            $"{path}:1:3: the file is not valid UTF-8: byte 0xFF at byte 3 of the line cannot be decoded",
            error.Message);
    }

    [Fact]
    public void InvalidUtf8InJsonl_ReportsLineAfterCrlf()
    {
        // 0xC3 starts a two-byte sequence, but the quote after it is not a continuation byte.
        byte[] content = [.. "{\"text\": \"a\", \"label\": \"x\"}\r\n{\"text\": \""u8, 0xC3,
            .. "\", \"label\": \"x\"}\r\n"u8];
        string path = folder.WriteBytes("train.jsonl", content);

        var error = Assert.Throws<DataException>(() => DatasetReader.Read(path));

        Assert.Equal(
            $"{path}:2:11: the file is not valid UTF-8: byte 0xC3 at byte 11 of the line cannot be decoded",
            error.Message);
    }

    [Fact]
    public void TruncatedUtf8AtEnd_IsReported()
    {
        byte[] content = [.. "text,label\nabc,x"u8, 0xE2, 0x82];
        string path = folder.WriteBytes("train.csv", content);

        var error = Assert.Throws<DataException>(() => DatasetReader.Read(path));

        Assert.Equal(
            $"{path}:2:6: the file is not valid UTF-8: byte 0xE2 at byte 6 of the line cannot be decoded",
            error.Message);
    }

    [Fact]
    public void Utf16File_IsNotValidUtf8()
    {
        byte[] content = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("text,label\n")];
        string path = folder.WriteBytes("train.csv", content);

        var error = Assert.Throws<DataException>(() => DatasetReader.Read(path));

        Assert.Equal(
            $"{path}:1:1: the file is not valid UTF-8: byte 0xFF at byte 1 of the line cannot be decoded",
            error.Message);
    }

    [Fact]
    public void SameTextAndLabelColumn_IsRejected()
    {
        string path = folder.Write("train.csv", "text,label\na,b\n");
        var options = new DataReadOptions { LabelColumn = "text" };

        var error = Assert.Throws<SuperTuneException>(() => DatasetReader.Read(path, options));

        Assert.Equal("--text-column and --label-column both name \"text\".", error.Message);
    }

    [Fact]
    public void EmptyColumnOption_IsRejected()
    {
        string path = folder.Write("train.csv", "text,label\na,b\n");
        var options = new DataReadOptions { TextColumn = " " };

        var error = Assert.Throws<SuperTuneException>(() => DatasetReader.Read(path, options));

        Assert.Equal("--text-column is empty.", error.Message);
    }
}
