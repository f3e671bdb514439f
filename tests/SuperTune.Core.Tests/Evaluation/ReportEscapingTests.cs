using SuperTune.Core.Evaluation;

namespace SuperTune.Core.Tests.Evaluation;

public class ReportEscapingTests
{
    [Fact]
    public void HtmlInLabelsIsEscaped()
    {
        string[] labels = ["<b>bold</b>", "a|b & c"];
        var predictions = new List<ClassificationPrediction>
        {
            new("x", labels[0], labels[1], 0.4f, 2),
            new("y", labels[1], labels[1], 0.9f, 3),
        };

        var markdown = new ReportWriter("Report").AddClassification(ClassificationEvaluation.Compute(labels, predictions))
            .ToMarkdown();

        Assert.DoesNotContain("<b>", markdown);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", markdown);
        Assert.Contains("a\\|b &amp; c", markdown);
    }
}
