using SuperTune.Core.Evaluation;

namespace SuperTune.Core.Tests.Evaluation;

public sealed class ReportWriterTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ToMarkdown_ShowsTitleSummaryAndMetricsTable()
    {
        var report = new ReportWriter("Evaluation of intent-v1")
            .AddSummary("Model", "runs/intent-v1")
            .AddSummary("Data", "data/sample/test.csv")
            .AddMetrics("test", new Dictionary<string, object> { ["accuracy"] = 0.91234, ["examples"] = 120 });

        var markdown = report.ToMarkdown();

        Assert.StartsWith("# Evaluation of intent-v1\n", markdown);
        Assert.Contains("- **Model:** runs/intent-v1\n", markdown);
        Assert.Contains("### test\n", markdown);
        Assert.Contains("| accuracy | 0.9123 |\n", markdown);
        Assert.Contains("| examples | 120 |\n", markdown);
    }

    [Fact]
    public void AddClassification_SortsClassesByF1Ascending()
    {
        // a: F1 = 2*2/(2+3) = 0.8, b: F1 = 2*1/(2+1) = 2/3, c: F1 = 1
        var evaluation = ClassificationEvaluation.Compute(
            ["a", "b", "c"], Predictions.From(("a", "a"), ("a", "a"), ("b", "b"), ("b", "a"), ("c", "c")));

        var markdown = new ReportWriter("r").AddClassification(evaluation).ToMarkdown();

        var b = markdown.IndexOf("| b | 1.0000 | 0.5000 | 0.6667 | 2 |", StringComparison.Ordinal);
        var a = markdown.IndexOf("| a | 0.6667 | 1.0000 | 0.8000 | 2 |", StringComparison.Ordinal);
        var c = markdown.IndexOf("| c | 1.0000 | 1.0000 | 1.0000 | 1 |", StringComparison.Ordinal);
        Assert.True(b > 0, "row of b is missing");
        Assert.True(a > b, "a should follow b");
        Assert.True(c > a, "c should follow a");
    }

    [Fact]
    public void AddClassification_ListsUnseenLabelsAndLinks()
    {
        var evaluation = ClassificationEvaluation.Compute(["a"], Predictions.From(("a", "a"), ("new_label", "a")));

        var markdown = new ReportWriter("r").AddClassification(evaluation).ToMarkdown();

        Assert.Contains("| new_label | 1 |", markdown);
        Assert.Contains("[confusion.csv](confusion.csv)", markdown);
        Assert.Contains("[errors.csv](errors.csv)", markdown);
        Assert.Contains("![Confusion matrix](confusion.png)", markdown);
    }

    [Fact]
    public void AddClassification_ShowsLowestConfidenceErrorsFirst()
    {
        // Given 25 errors with confidences 0.01 .. 0.25 in reverse order, and a text with a pipe and a newline
        var predictions = Enumerable.Range(1, 25)
            .Select(i => new ClassificationPrediction($"text {i} a|b\nc", "a", "b", (26 - i) / 100f, i + 1))
            .ToList();
        var evaluation = ClassificationEvaluation.Compute(["a", "b"], predictions);

        var markdown = new ReportWriter("r").AddClassification(evaluation).ToMarkdown();

        Assert.Contains("The 20 misclassified examples with the lowest confidence, of 25 errors.", markdown);
        Assert.Contains("| 26 | text 25 a\\|b c | a | b | 0.0100 |", markdown);
        Assert.Contains("| 7 | text 6 a\\|b c | a | b | 0.2000 |", markdown);
        Assert.DoesNotContain("| 6 | text 5", markdown);
        var lowest = markdown.IndexOf("text 25 ", StringComparison.Ordinal);
        var next = markdown.IndexOf("text 24 ", StringComparison.Ordinal);
        Assert.True(lowest < next, "lowest confidence should come first");
    }

    [Fact]
    public void AddSection_AppearsAfterMetrics()
    {
        var markdown = new ReportWriter("r")
            .AddSection("Entities", "entity table")
            .AddMetrics("test", new Dictionary<string, object> { ["f1"] = 0.5 })
            .ToMarkdown();

        Assert.True(markdown.IndexOf("## Metrics", StringComparison.Ordinal)
            < markdown.IndexOf("## Entities\n\nentity table\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_CreatesReportFile()
    {
        var path = _folder.File("model/report.md");

        new ReportWriter("Report").Write(path);

        Assert.Equal("# Report\n", File.ReadAllText(path));
    }
}
