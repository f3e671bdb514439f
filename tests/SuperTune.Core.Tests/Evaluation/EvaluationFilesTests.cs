using System.Buffers.Binary;
using SuperTune.Core.Evaluation;

namespace SuperTune.Core.Tests.Evaluation;

public sealed class EvaluationFilesTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ConfusionCsv_HasGoldRowsAndPredictedColumns()
    {
        var evaluation = ClassificationEvaluation.Compute(
            ["a", "b"], Predictions.From(("a", "a"), ("a", "b"), ("b", "b"), ("x", "a")));
        var path = _folder.File("confusion.csv");

        evaluation.WriteConfusionCsv(path);

        string[] expected = ["gold\\predicted,a,b,x", "a,1,1,0", "b,0,1,0", "x,1,0,0"];
        Assert.Equal(expected, File.ReadAllLines(path));
    }

    [Fact]
    public void ConfusionCsv_QuotesLabelWithComma()
    {
        var evaluation = ClassificationEvaluation.Compute(["yes, please", "no"], Predictions.From(("no", "no")));
        var path = _folder.File("confusion.csv");

        evaluation.WriteConfusionCsv(path);

        Assert.Equal("gold\\predicted,\"yes, please\",no", File.ReadAllLines(path)[0]);
    }

    [Fact]
    public void ErrorsCsv_QuotesCommasQuotesAndNewlines()
    {
        // Given an error whose text contains a comma, double quotes and a line break
        ClassificationPrediction[] predictions =
        [
            new("fine", "a", "a", 0.9f, 2),
            new("my card, the \"gold\" one,\nnever came", "a", "b", 0.61234f, 3,
                [("b", 0.61234f), ("a", 0.3f), ("c", 0.05f), ("d", 0.01f)]),
            new("no top labels", "b", "a", 0.5f, 4),
        ];
        var evaluation = ClassificationEvaluation.Compute(["a", "b", "c", "d"], predictions);
        var path = _folder.File("errors.csv");

        // When
        evaluation.WriteErrors(path);

        // Then the text is quoted with doubled quotes, and only the first three top labels are listed
        var expected =
            "line,text,gold,predicted,confidence,top3\n" +
            "3,\"my card, the \"\"gold\"\" one,\nnever came\",a,b,0.6123,b:0.6123; a:0.3000; c:0.0500\n" +
            "4,no top labels,b,a,0.5000,\n";
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void ConfusionPng_ThreeLabels_IsSmallPng()
    {
        var evaluation = ClassificationEvaluation.Compute(
            ["a", "b", "c"], Predictions.From(("a", "a"), ("b", "c"), ("c", "c")));
        var path = _folder.File("confusion.png");

        evaluation.WriteConfusionPng(path);

        var (width, height) = ReadPngSize(path);
        Assert.InRange(width, 300, 1000);
        Assert.InRange(height, 300, 1000);
    }

    [Fact]
    public void ConfusionPng_77Labels_GrowsWithLabelCount()
    {
        // Given 77 labels with names as long as real intent names, each predicted right once and wrong once
        var labels = Enumerable.Range(0, 77).Select(i => $"intent_number_{i:00}_with_long_name").ToList();
        var predictions = labels
            .SelectMany((label, i) => new[] { (label, label), (label, labels[(i + 1) % labels.Count]) })
            .ToArray();
        var evaluation = ClassificationEvaluation.Compute(labels, Predictions.From(predictions));
        var path = _folder.File("nested/confusion.png");

        // When
        evaluation.WriteConfusionPng(path);

        // Then each of the 77 rows and columns gets at least 12 pixels, and the image stays under 3000 pixels
        var (width, height) = ReadPngSize(path);
        Assert.InRange(width, 77 * 12, 3000);
        Assert.InRange(height, 77 * 12, 3000);
    }

    [Fact]
    public void WriteAll_WritesThreeFiles()
    {
        var evaluation = ClassificationEvaluation.Compute(["a", "b"], Predictions.From(("a", "b")));

        evaluation.WriteAll(_folder.Path);

        Assert.True(File.Exists(_folder.File(EvaluationFiles.ConfusionCsvFileName)));
        Assert.True(File.Exists(_folder.File(EvaluationFiles.ConfusionPngFileName)));
        Assert.True(File.Exists(_folder.File(EvaluationFiles.ErrorsCsvFileName)));
    }

    /// <summary>Checks the PNG signature and returns the size from the IHDR chunk, which must come first.</summary>
    private static (int Width, int Height) ReadPngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        return (width, height);
    }
}
