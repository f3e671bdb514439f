using SuperTune.Core.OutOfScope;

namespace SuperTune.Core.Tests.OutOfScope;

public class OutOfScopeVerdictTests
{
    private static readonly string[] Labels = ["card_arrival", "oos", "refund"];

    [Fact]
    public void BestLabelOosIsOutOfScopeUnderEveryScheme()
    {
        float[] probabilities = [0.2f, 0.7f, 0.1f];

        foreach (var scheme in OutOfScopeSchemes.All)
        {
            var settings = new OutOfScopeSettings { Scheme = scheme, Threshold = 0 };
            var verdict = OutOfScopeVerdict.Decide(settings, Labels, probabilities);

            Assert.True(verdict.OutOfScope, scheme);
            Assert.Equal("the best label is \"oos\"", verdict.Reason);
        }
    }

    [Fact]
    public void ConfidenceBelowThresholdGivesReason()
    {
        var settings = new OutOfScopeSettings { Scheme = OutOfScopeSchemes.Confidence, Threshold = 0.5 };

        var verdict = OutOfScopeVerdict.Decide(settings, Labels, [0.45f, 0.1f, 0.45f]);

        Assert.True(verdict.OutOfScope);
        Assert.Equal("confidence 0.450 is below the threshold 0.500", verdict.Reason);
    }

    [Fact]
    public void MarginSkipsTheOosClass()
    {
        // The top two in-scope labels are 0.5 and 0.2: a margin of 0.3, whatever the oos class holds.
        var settings = new OutOfScopeSettings { Scheme = OutOfScopeSchemes.Margin, Threshold = 0.25 };

        var accepted = OutOfScopeVerdict.Decide(settings, Labels, [0.5f, 0.3f, 0.2f]);
        var rejected = OutOfScopeVerdict.Decide(settings with { Threshold = 0.35 }, Labels, [0.5f, 0.3f, 0.2f]);

        Assert.False(accepted.OutOfScope);
        Assert.Null(accepted.Reason);
        Assert.True(rejected.OutOfScope);
        Assert.Equal("margin between the top two labels 0.300 is below the threshold 0.350", rejected.Reason);
    }

    [Fact]
    public void NoSettingsAcceptsEverything()
    {
        var verdict = OutOfScopeVerdict.Decide(null, Labels, [0.34f, 0.33f, 0.33f]);

        Assert.False(verdict.OutOfScope);
    }

    [Fact]
    public void ComparisonSkipsLabelSchemeWithoutOosClass()
    {
        string[] labels = ["a", "b"];
        float[][] validation = [[0.9f, 0.1f], [0.2f, 0.8f], [0.55f, 0.45f]];
        string[] gold = ["a", "b", "oos"];

        var comparison = OutOfScopeComparison.Compare(new OutOfScopeOptions(), labels, validation, gold);

        Assert.Equal([OutOfScopeSchemes.Confidence, OutOfScopeSchemes.Margin],
            comparison.Schemes.Select(s => s.Choice.Scheme));
        Assert.Equal(OutOfScopeObjectives.RecallAtAccuracy, comparison.Chosen.Objective);
        Assert.Equal(OutOfScopeOptions.DefaultMaxAccuracyLoss, comparison.Chosen.MaxAccuracyLoss);
        Assert.Equal(1.0, comparison.ChosenScheme.Choice.Validation.OutOfScopeRecall, 9);
        Assert.Equal(1.0, comparison.ChosenScheme.Choice.Validation.InScopeAccuracy, 9);
    }

    [Fact]
    public void InvalidSchemeIsNamed()
    {
        var settings = new OutOfScopeSettings { Scheme = "entropy", Threshold = 0.1 };

        var error = Assert.Throws<SuperTuneException>(() => settings.Validate("config.json"));

        Assert.Contains("config.json", error.Message);
        Assert.Contains("entropy", error.Message);
    }
}
