using SuperTune.Training.Search;

namespace SuperTune.Training.Tests.Search;

public class HalvingScheduleTests
{
    [Theory]
    [InlineData(1, 9, 3, new[] { 1, 3, 9 })]
    [InlineData(1, 5, 3, new[] { 1, 2, 5 })]
    [InlineData(1, 4, 2, new[] { 1, 2, 4 })]
    [InlineData(2, 3, 3, new[] { 2, 3 })]
    [InlineData(5, 5, 3, new[] { 5 })]
    [InlineData(8, 5, 3, new[] { 5 })]
    public void RungsGrowByReductionFactor(int minEpochs, int maxEpochs, int factor, int[] expected)
    {
        var schedule = HalvingSchedule.Create(minEpochs, maxEpochs, factor);

        Assert.Equal(expected, schedule.RungEpochs);
    }

    [Fact]
    public void TrialNeverTrainsBeyondItsEpochs()
    {
        var schedule = HalvingSchedule.Create(1, 5, 3);
        var trial = new TrialConfig
        {
            Id = 1, LearningRate = 1e-4, Epochs = 3, BatchSize = 8, WarmupRatio = 0, WeightDecay = 0,
        };

        Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(rung => schedule.EpochsFor(trial, rung)));
    }

    [Fact]
    public void PromotionKeepsBestThirdRoundedUp()
    {
        var schedule = HalvingSchedule.Create(1, 9, 3);
        double?[] scores = [0.5, 0.9, null, 0.7, 0.95, 0.1, 0.6];
        var results = scores.Select((score, i) => Result(i + 1, score)).ToList();

        var promoted = schedule.Promote(results);

        Assert.Equal([5, 2, 4], promoted);
    }

    [Fact]
    public void PromotionBreaksTiesByAccuracyThenTrial()
    {
        var schedule = HalvingSchedule.Create(1, 4, 2);
        List<TrialResult> results =
        [
            Result(1, 0.8) with { Accuracy = 0.8 },
            Result(2, 0.8) with { Accuracy = 0.9 },
            Result(3, 0.8) with { Accuracy = 0.8 },
            Result(4, 0.2),
        ];

        Assert.Equal([2, 1], schedule.Promote(results));
    }

    [Fact]
    public void FailedRunsAreNeverPromoted()
    {
        var schedule = HalvingSchedule.Create(1, 4, 2);

        var promoted = schedule.Promote([Result(1, null), Result(2, null), Result(3, 0.1)]);

        Assert.Equal([3], promoted);
    }

    [Fact]
    public void BaselineIsPromotedBesideTheBestThird()
    {
        var schedule = HalvingSchedule.Create(1, 9, 3);
        double?[] scores = [0.1, 0.9, 0.5, 0.7];

        var promoted = schedule.Promote(scores.Select((score, i) => Result(i + 1, score)).ToList(), baseline: 1);

        // One of the three other trials, then the baseline, although it scored lowest.
        Assert.Equal([2, 1], promoted);
    }

    [Fact]
    public void FailedBaselineIsNotPromoted()
    {
        var schedule = HalvingSchedule.Create(1, 9, 3);

        var promoted = schedule.Promote([Result(1, null), Result(2, 0.4), Result(3, 0.6)], baseline: 1);

        Assert.Equal([3], promoted);
    }

    [Fact]
    public void PlannedRunsCountTheBaselineInEveryRung()
    {
        Assert.Equal(13 + (4 + 1) + (2 + 1), HalvingSchedule.Create(1, 5, 3).PlannedRuns(13, withBaseline: true));
        Assert.Equal(1 + 1 + 1, HalvingSchedule.Create(1, 5, 3).PlannedRuns(1, withBaseline: true));
    }

    [Fact]
    public void PlannedRunsSumEveryRung()
    {
        Assert.Equal(12 + 4 + 2, HalvingSchedule.Create(1, 5, 3).PlannedRuns(12));
        Assert.Equal(7, HalvingSchedule.Create(5, 5, 3).PlannedRuns(7));
    }

    private static TrialResult Result(int trial, double? score) => new()
    {
        Trial = trial, Rung = 0, Epochs = 1, Score = score, Accuracy = score,
        Error = score is null ? "diverged" : null,
    };
}
