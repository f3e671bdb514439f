using SuperTune.Core.Evaluation;

namespace SuperTune.Core.Tests.Evaluation;

public class SeedSummaryTests
{
    private static MetricsDocument Run(double accuracy, int epochs, string baseModel)
    {
        var metrics = new MetricsDocument();
        metrics.SetSection("test", new Dictionary<string, object> { ["accuracy"] = accuracy, ["base_model"] = baseModel });
        metrics.SetSection("training", new Dictionary<string, object> { ["epochs_run"] = epochs });
        return metrics;
    }

    [Fact]
    public void MeanAndSampleStandardDeviation()
    {
        var runs = new List<(int, MetricsDocument)> { (1, Run(0.8, 3, "a")), (2, Run(0.9, 5, "a")), (3, Run(1.0, 4, "a")) };

        var summary = SeedSummary.Aggregate(runs);

        Assert.Equal(0.9, Convert.ToDouble(summary.GetSection("test")!["accuracy"]), 9);
        Assert.Equal(0.1, Convert.ToDouble(summary.GetSection("test.std")!["accuracy"]), 6);
        Assert.Equal(4.0, Convert.ToDouble(summary.GetSection("training")!["epochs_run"]), 9);
        Assert.Equal(1.0, Convert.ToDouble(summary.GetSection("training.std")!["epochs_run"]), 9);
        Assert.False(summary.GetSection("test")!.ContainsKey("base_model"));
        Assert.Equal("1,2,3", summary.GetSection("seeds")!["seeds"]);
    }

    [Fact]
    public void SingleRunHasZeroDeviation()
    {
        var summary = SeedSummary.Aggregate([(7, Run(0.75, 2, "a"))]);

        Assert.Equal(0.0, Convert.ToDouble(summary.GetSection("test.std")!["accuracy"]));
    }

    [Fact]
    public void MarkdownListsEverySeed()
    {
        var markdown = SeedSummary.ToMarkdown([(1, Run(0.8, 3, "a")), (2, Run(0.9, 5, "a"))]);

        Assert.Contains("seed 1", markdown);
        Assert.Contains("seed 2", markdown);
        Assert.Contains("| accuracy | 0.8500 | 0.0707 | 0.8000 | 0.9000 |", markdown);
    }
}
