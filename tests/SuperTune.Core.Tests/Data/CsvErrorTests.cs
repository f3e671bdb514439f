using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class CsvErrorTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void UnterminatedQuote_ReportsLineWhereQuoteOpened()
    {
        string path = folder.Write("train.csv", "text,label\nfine,a\n\"never closed,b\nmore,c\nrows,d\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:3:1: the quote that opens field 1 is never closed", error.Message);
        Assert.Equal("Add the closing quote. Inside a quoted field, write a quote as two quotes (\"\").", error.Hint);
        Assert.Equal(3, error.Line);
        Assert.Equal(1, error.Column);
    }

    [Fact]
    public void UnterminatedQuoteInLabel_ReportsFieldTwo()
    {
        string path = folder.Write("train.csv", "text,label\nfine,\"a\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:2:2: the quote that opens field 2 is never closed", error.Message);
    }

    [Fact]
    public void TextAfterClosingQuote_ReportsFieldAndCharacter()
    {
        string path = folder.Write("train.csv", "text,label\n\"She said \"hi\" there\",quote\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:2:1: unexpected 'h' after the closing quote of field 1", error.Message);
        Assert.Equal("Inside a quoted field, write a quote as two quotes, for example \"She said \"\"hi\"\"\".",
            error.Hint);
    }

    [Fact]
    public void SpaceAfterClosingQuote_ShowsCodePoint()
    {
        string path = folder.Write("train.csv", "text,label\n\"hello\" ,greeting\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:2:1: unexpected U+0020 after the closing quote of field 1", error.Message);
    }

    [Fact]
    public void TooManyFields_ReportsExpectedAndActualCount()
    {
        string path = folder.Write("train.csv", "text,label\nok,a\nHello, world,greeting\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:3: expected 2 fields as in the header, found 3", error.Message);
        Assert.Equal("Put double quotes around a field that contains a comma.", error.Hint);
    }

    [Fact]
    public void TooFewFields_ReportsExpectedAndActualCount()
    {
        string path = folder.Write("train.csv", "text,label\nno label here\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:2: expected 2 fields as in the header, found 1", error.Message);
        Assert.Equal("Check that the row has a value for each of the 2 columns.", error.Hint);
    }

    [Fact]
    public void MultilineRecord_ReportsStartLine()
    {
        string path = folder.Write("train.csv", "text,label\n\"one\ntwo\",a,extra\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:2: expected 2 fields as in the header, found 3", error.Message);
    }

    [Fact]
    public void MissingTextColumn_ListsColumnsAndOption()
    {
        string path = folder.Write("train.csv", "sentence,label\nhello,greeting\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal(
            $"{path}:1: column \"text\" not found in the header. The header has columns \"sentence\", \"label\".",
            error.Message);
        Assert.Equal("Pass --text-column with the name of the column that contains the text.", error.Hint);
    }

    [Fact]
    public void MissingLabelColumn_ListsColumnsAndOption()
    {
        string path = folder.Write("train.csv", "text\nhello\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: column \"label\" not found in the header. The header has one column: \"text\".",
            error.Message);
        Assert.Equal("Pass --label-column with the name of the column that contains the labels.", error.Hint);
    }

    [Fact]
    public void MissingCustomColumn_NamesThatColumn()
    {
        string path = folder.Write("train.csv", "text,label\nhello,greeting\n");

        var error = Assert.Throws<DataException>(
            () => DatasetReader.Read(path, new DataReadOptions { LabelColumn = "intent" }));

        Assert.Equal(
            $"{path}:1: column \"intent\" not found in the header. The header has columns \"text\", \"label\".",
            error.Message);
    }

    [Fact]
    public void TabSeparatedHeader_HintsAtTsvFormat()
    {
        string path = folder.Write("train.csv", "text\tlabel\nhello\tgreeting\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal(
            $"{path}:1: column \"text\" not found in the header. The header has one column: \"text\tlabel\".",
            error.Message);
        Assert.Equal("The header looks tab-separated. Pass --format tsv or rename the file to end in .tsv.",
            error.Hint);
    }

    [Fact]
    public void SemicolonSeparatedHeader_SaysUnsupported()
    {
        string path = folder.Write("train.csv", "text;label\nhello;greeting\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal("The header looks semicolon-separated, which is not supported. Re-save the file with commas "
            + "or tabs as separators.", error.Hint);
    }

    [Fact]
    public void DuplicateTextColumn_NamesBothPositions()
    {
        string path = folder.Write("train.csv", "text,label,text\na,b,c\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1:3: column \"text\" appears twice in the header, as column 1 and 3", error.Message);
        Assert.Equal("Rename one of the two columns.", error.Hint);
    }

    [Fact]
    public void EmptyText_ReportsLineAndColumn()
    {
        string path = folder.Write("train.csv", "label,text\ngreeting,hello\nfarewell,   \n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:3:2: empty text in column \"text\"", error.Message);
        Assert.Equal("Fill in the text or delete the row.", error.Hint);
    }

    [Fact]
    public void EmptyLabel_ReportsLineAndColumn()
    {
        string path = folder.Write("train.csv", "text,label\nhello,greeting\nbye,\"\"\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:3:2: empty label in column \"label\"", error.Message);
        Assert.Equal("Fill in the label or delete the row.", error.Hint);
    }

    [Fact]
    public void EmptyLabelAfterMultiline_ReportsItsLine()
    {
        string path = folder.Write("train.csv", "text,label\n\"one\ntwo\",\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:3:2: empty label in column \"label\"", error.Message);
    }

    [Fact]
    public void EmptyFile_IsAnError()
    {
        string path = folder.Write("train.csv", "");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: the file is empty", error.Message);
        Assert.Equal(
            "Write a header row that names the columns, such as text,label, and then one row per example.",
            error.Hint);
    }

    [Fact]
    public void HeaderWithoutRows_IsAnError()
    {
        string path = folder.Write("train.csv", "text,label\n\n");

        DataException error = ReadExpectingError(path);

        Assert.Equal($"{path}:1: the file has a header row but no data rows", error.Message);
        Assert.Equal("Add one row per example.", error.Hint);
    }

    private static DataException ReadExpectingError(string path) =>
        Assert.Throws<DataException>(() => DatasetReader.Read(path, new DataReadOptions()));
}
