using SuperTune.Core.OutOfScope;

namespace SuperTune.Core.Tests.OutOfScope;

public class ThresholdTunerTests
{
    private static ScoredExample InScope(double score, bool correct = true) =>
        new(new SchemeScore(0, score, false), false, correct);

    private static ScoredExample OutOfScope(double score) => new(new SchemeScore(0, score, false), true, false);

    [Fact]
    public void AccuracyPlusRecallSplitsBetweenTheGroups()
    {
        // Correct in-scope texts score 0.6 and up, out-of-scope texts 0.5 and below, one wrong in-scope text 0.4.
        ScoredExample[] examples =
        [
            InScope(0.9), InScope(0.8), InScope(0.7), InScope(0.6), InScope(0.4, correct: false),
            OutOfScope(0.5), OutOfScope(0.3),
        ];

        var choice = ThresholdTuner.Tune(examples, OutOfScopeSchemes.Confidence,
            OutOfScopeObjectives.AccuracyPlusRecall, 0.95);

        Assert.Equal(0.55, choice.Threshold, 9);
        Assert.Equal(0.8, choice.Validation.InScopeAccuracy, 9);
        Assert.Equal(1.0, choice.Validation.OutOfScopeRecall, 9);
        Assert.Equal(2.0 / 3, choice.Validation.OutOfScopePrecision, 9); // the wrong in-scope text is rejected too
        Assert.Equal(1.8, choice.ObjectiveValue, 9);
    }

    [Theory]
    [InlineData(0.0, 0.45, 0.8, 0.5)]   // no loss allowed: no correct in-scope text may be rejected
    [InlineData(0.2, 0.675, 0.6, 1.0)]  // one correct text of five may go, which catches both out-of-scope texts
    [InlineData(0.19, 0.45, 0.8, 0.5)]  // a bound just short of one text keeps them all
    public void RecallAtAccuracyCatchesMostWithinTheLoss(double maxLoss, double threshold, double accuracy,
        double recall)
    {
        // The wrong in-scope text scores lowest; one out-of-scope text hides among the correct ones.
        ScoredExample[] examples =
        [
            InScope(0.9), InScope(0.8), InScope(0.7), InScope(0.6), InScope(0.2, correct: false),
            OutOfScope(0.65), OutOfScope(0.3),
        ];

        var choice = ThresholdTuner.Tune(examples, OutOfScopeSchemes.Confidence,
            OutOfScopeObjectives.RecallAtAccuracy, 0.95, maxLoss);

        Assert.True(choice.TargetReached);
        Assert.Equal(threshold, choice.Threshold, 9);
        Assert.Equal(accuracy, choice.Validation.InScopeAccuracy, 9);
        Assert.Equal(recall, choice.Validation.OutOfScopeRecall, 9);
        Assert.Equal(1 + recall, choice.ObjectiveValue, 9);
    }

    [Theory]
    [InlineData(0.75, 0.55, 0.75)]
    [InlineData(0.9, 0.775, 1.0)]
    [InlineData(0.5, 0.0, 0.6)]
    public void TargetPrecisionTakesLowestThresholdReachingIt(double target, double threshold, double precision)
    {
        // Without out-of-scope rows: precision is the share of accepted texts that are labelled correctly.
        ScoredExample[] examples =
        [
            InScope(0.9), InScope(0.8), InScope(0.7), InScope(0.75, correct: false), InScope(0.4, correct: false),
        ];

        var choice = ThresholdTuner.Tune(examples, OutOfScopeSchemes.Margin, OutOfScopeObjectives.TargetPrecision,
            target);

        Assert.True(choice.TargetReached);
        Assert.Equal(threshold, choice.Threshold, 9);
        Assert.Equal(precision, choice.Validation.InScopePrecision, 9);
        Assert.True(double.IsNaN(choice.Validation.OutOfScopeRecall));
    }

    [Fact]
    public void UnreachableTargetKeepsHighestPrecision()
    {
        // The best-scoring text is wrong, so no threshold that accepts anything reaches precision 1.
        ScoredExample[] examples = [InScope(0.9, correct: false), InScope(0.8), InScope(0.3, correct: false)];

        var choice = ThresholdTuner.Tune(examples, OutOfScopeSchemes.Confidence, OutOfScopeObjectives.TargetPrecision,
            1.0);

        Assert.False(choice.TargetReached);
        Assert.Equal(0.55, choice.Threshold, 9);
        Assert.Equal(0.5, choice.Validation.InScopePrecision, 9);
    }

    [Fact]
    public void LabelSchemeHasNothingToTune()
    {
        ScoredExample[] examples =
        [
            new(new SchemeScore(0, 0.9, false), false, true),
            new(new SchemeScore(0, 0.2, true), true, false),
        ];

        var choice = ThresholdTuner.Tune(examples, OutOfScopeSchemes.Label, OutOfScopeObjectives.AccuracyPlusRecall,
            0.95);

        Assert.Equal(0.0, choice.Threshold);
        Assert.Equal(1.0, choice.Validation.OutOfScopeRecall, 9);
        Assert.Equal(1.0, choice.Validation.InScopeAccuracy, 9);
    }

    [Theory]
    [InlineData(OutOfScopeObjectives.AccuracyPlusRecall)]
    [InlineData(OutOfScopeObjectives.RecallAtAccuracy)]
    public void RecallObjectivesNeedOutOfScopeRows(string objective)
    {
        ScoredExample[] examples = [InScope(0.9), InScope(0.2, correct: false)];

        var error = Assert.Throws<SuperTuneException>(() => ThresholdTuner.Tune(examples,
            OutOfScopeSchemes.Confidence, objective, 0.95));

        Assert.Contains("--oos-objective", error.Message);
    }

    [Fact]
    public void AurocCountsPairsAndTies()
    {
        ScoredExample[] separated = [InScope(0.9), InScope(0.8), OutOfScope(0.2), OutOfScope(0.1)];
        ScoredExample[] reversed = [InScope(0.1), OutOfScope(0.9)];
        ScoredExample[] tied = [InScope(0.5), InScope(0.9), OutOfScope(0.5)];

        Assert.Equal(1.0, OutOfScopeMetrics.ComputeAuroc(separated), 9);
        Assert.Equal(0.0, OutOfScopeMetrics.ComputeAuroc(reversed), 9);
        Assert.Equal(0.75, OutOfScopeMetrics.ComputeAuroc(tied), 9);
        Assert.True(double.IsNaN(OutOfScopeMetrics.ComputeAuroc([InScope(0.5)])));
    }
}
