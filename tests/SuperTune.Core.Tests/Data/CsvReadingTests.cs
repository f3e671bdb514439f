using System.Text;
using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class CsvReadingTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Read_PlainRows_ReturnsExamplesWithLines()
    {
        string path = folder.Write("train.csv", "text,label\nhello there,greeting\nbye now,farewell\n");

        Dataset dataset = DatasetReader.Read(path, new DataReadOptions());

        Assert.Equal(path, dataset.Path);
        Assert.Equal(
            [new TextExample("hello there", "greeting", 2), new TextExample("bye now", "farewell", 3)],
            dataset.Examples);
        Assert.Empty(dataset.Warnings);
    }

    [Fact]
    public void Read_QuotedFields_KeepsCommasNewlinesAndQuotes()
    {
        string content = "text,label\n"
            + "\"Hello, world\",greeting\n"
            + "\"She said \"\"hi\"\"\",quote\n"
            + "\"first line\nsecond line\",multi\n"
            + "after,\"last\"\n";
        string path = folder.Write("train.csv", content);

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal(
            [
                new TextExample("Hello, world", "greeting", 2),
                new TextExample("She said \"hi\"", "quote", 3),
                new TextExample("first line\nsecond line", "multi", 4),
                new TextExample("after", "last", 6),
            ],
            dataset.Examples);
    }

    [Fact]
    public void Read_CrlfLineEnds_CountsEachLineOnce()
    {
        string path = folder.Write("train.csv", "text,label\r\n\"two\r\nlines\",a\r\nnext,b\r\n");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("two\r\nlines", "a", 2), new TextExample("next", "b", 4)], dataset.Examples);
    }

    [Fact]
    public void Read_NoFinalLineBreak_ReadsLastRow()
    {
        string path = folder.Write("train.csv", "text,label\r\nlast,a");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("last", "a", 2)], dataset.Examples);
    }

    [Fact]
    public void Read_ByteOrderMark_IsSkipped()
    {
        byte[] content = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("text,label\ncafé,a\n")];
        string path = folder.WriteBytes("train.csv", content);

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("café", "a", 2)], dataset.Examples);
    }

    [Fact]
    public void Read_Whitespace_TrimsTextLabelAndHeader()
    {
        string path = folder.Write("train.csv", " text , label \n  padded text\t, spaced label \n");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("padded text", "spaced label", 2)], dataset.Examples);
        Assert.Empty(dataset.Warnings);
    }

    [Fact]
    public void Read_BlankLines_AreSkipped()
    {
        string path = folder.Write("train.csv", "text,label\n\nfirst,a\n\r\n\nsecond,b\n\n");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("first", "a", 3), new TextExample("second", "b", 6)], dataset.Examples);
    }

    [Fact]
    public void Read_OtherColumnNamesAndOrder_UsesOptions()
    {
        string path = folder.Write("train.csv", "id,intent,utterance\n1,refund,I want my money back\n");
        var options = new DataReadOptions { TextColumn = "utterance", LabelColumn = "intent" };

        Dataset dataset = DatasetReader.Read(path, options);

        Assert.Equal([new TextExample("I want my money back", "refund", 2)], dataset.Examples);
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_KeepsQuote()
    {
        string path = folder.Write("train.csv", "text,label\nthe 5\" screen,size\n");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal([new TextExample("the 5\" screen", "size", 2)], dataset.Examples);
    }

    [Fact]
    public void Read_NoLabelColumn_GivesNullLabels()
    {
        string path = folder.Write("predict.csv", "text\nwhere is my card\n");

        Dataset dataset = DatasetReader.Read(path, new DataReadOptions { RequireLabels = false });

        Assert.Equal([new TextExample("where is my card", null, 2)], dataset.Examples);
        Assert.Empty(dataset.Labels);
    }

    [Fact]
    public void Read_OptionalEmptyLabel_GivesNull()
    {
        string path = folder.Write("predict.csv", "text,label\nwhere is my card,\nhello,greeting\n");

        Dataset dataset = DatasetReader.Read(path, new DataReadOptions { RequireLabels = false });

        Assert.Equal([new TextExample("where is my card", null, 2), new TextExample("hello", "greeting", 3)],
            dataset.Examples);
    }

    [Fact]
    public void Read_ManyRows_CountsLabelsInOrdinalOrder()
    {
        string path = folder.Write("train.csv", "text,label\na,b\nc,B\nd,b\ne,a\n");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal(["B", "a", "b"], dataset.Labels);
        Assert.Equal([KeyValuePair.Create("B", 1), KeyValuePair.Create("a", 1), KeyValuePair.Create("b", 2)],
            dataset.CountByLabel);
    }

    [Fact]
    public void Read_TxtFileWithCsvFormat_ReadsCsv()
    {
        string path = folder.Write("train.txt", "text,label\nhello,greeting\n");

        Dataset dataset = DatasetReader.Read(path, new DataReadOptions { Format = DataFormat.Csv });

        Assert.Equal([new TextExample("hello", "greeting", 2)], dataset.Examples);
    }
}
