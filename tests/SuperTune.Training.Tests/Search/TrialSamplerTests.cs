using SuperTune.Core;
using SuperTune.Training.Search;

namespace SuperTune.Training.Tests.Search;

public class TrialSamplerTests
{
    private static readonly SearchSpace SmallSpace = new()
    {
        LearningRate = ParameterRange.Choices(1e-4, 3e-4),
        Epochs = ParameterRange.Choices(1, 2),
        BatchSize = ParameterRange.Choices(8),
        WarmupRatio = ParameterRange.Choices(0, 0.1),
        WeightDecay = ParameterRange.Choices(0.01),
    };

    [Fact]
    public void GridEnumeratesEveryCombination()
    {
        var trials = TrialSampler.Grid(SmallSpace);

        Assert.Equal(8, trials.Count);
        Assert.Equal(Enumerable.Range(1, 8), trials.Select(t => t.Id));
        var combinations = trials.Select(t => (t.LearningRate, t.Epochs, t.BatchSize, t.WarmupRatio, t.WeightDecay));
        Assert.Equal(8, combinations.Distinct().Count());
        Assert.All(trials.Take(4), t => Assert.Equal(1e-4, t.LearningRate));
        Assert.All(trials.Skip(4), t => Assert.Equal(3e-4, t.LearningRate));
    }

    [Fact]
    public void GridSpacesLogRangeByRatio()
    {
        var space = SmallSpace with { LearningRate = ParameterRange.Between(1e-5, 1e-3, log: true, gridPoints: 3) };

        var rates = TrialSampler.Grid(space).Select(t => t.LearningRate).Distinct().ToList();

        Assert.Equal([1e-5, 1e-4, 1e-3], rates);
    }

    [Fact]
    public void GridSpacesLinearRangeByDifference()
    {
        var space = SmallSpace with { WarmupRatio = ParameterRange.Between(0, 0.2, log: false, gridPoints: 5) };

        var ratios = TrialSampler.Grid(space).Select(t => t.WarmupRatio).Distinct().ToList();

        Assert.Equal([0, 0.05, 0.1, 0.15, 0.2], ratios);
    }

    [Fact]
    public void GridOverLimitIsRejected()
    {
        var space = SmallSpace with { LearningRate = ParameterRange.Between(1e-5, 1e-3, log: true, gridPoints: 300) };

        var error = Assert.Throws<SuperTuneException>(() => TrialSampler.Grid(space));

        Assert.Contains("1200 combinations", error.Message);
        Assert.Contains("--strategy random", error.Hint);
    }

    [Fact]
    public void RandomDrawsRepeatForSameSeed()
    {
        var space = new SearchSpace();

        var first = TrialSampler.Random(space, 10, seed: 7);
        var second = TrialSampler.Random(space, 10, seed: 7);
        var other = TrialSampler.Random(space, 10, seed: 8);

        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(t => t.LearningRate), other.Select(t => t.LearningRate));
    }

    [Fact]
    public void RandomLearningRatesAreLogUniform()
    {
        var space = new SearchSpace { LearningRate = ParameterRange.Between(1e-5, 1e-3, log: true) };

        var rates = TrialSampler.Random(space, 400, seed: 3).Select(t => t.LearningRate).ToList();

        // Log-uniform on [1e-5, 1e-3] puts half the draws below 1e-4; uniform would put 9 %.
        var belowMiddle = rates.Count(r => r < 1e-4) / (double)rates.Count;
        Assert.InRange(belowMiddle, 0.4, 0.6);
        Assert.All(rates, r => Assert.InRange(r, 1e-5, 1e-3));
    }

    [Fact]
    public void RandomDrawsTakeOnlyListedValues()
    {
        var trials = TrialSampler.Random(SmallSpace, 20, seed: 1);

        Assert.All(trials, t => Assert.Contains(t.Epochs, new[] { 1, 2 }));
        Assert.All(trials, t => Assert.Equal(8, t.BatchSize));
        Assert.Equal(8, trials.Take(8).Select(t => (t.LearningRate, t.Epochs, t.WarmupRatio)).Distinct().Count());
    }
}
