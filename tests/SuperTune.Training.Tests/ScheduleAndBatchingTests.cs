using SuperTune.Training.Batching;

namespace SuperTune.Training.Tests;

public class ScheduleAndBatchingTests
{
    [Fact]
    public void ScheduleWarmsUpThenDecaysToZero()
    {
        var schedule = new LinearWarmupSchedule(PeakLearningRate: 1e-3, WarmupSteps: 10, TotalSteps: 110);

        Assert.Equal(1e-4, schedule.LearningRateAt(0), 12);
        Assert.Equal(1e-3, schedule.LearningRateAt(9), 12);
        Assert.Equal(5e-4, schedule.LearningRateAt(60), 12);
        Assert.Equal(0.0, schedule.LearningRateAt(110), 12);
    }

    [Fact]
    public void SamplerCoversEveryIndexOnce()
    {
        var lengths = Enumerable.Range(0, 1000).Select(i => 5 + i * 7919 % 60).ToList();
        var sampler = new LengthGroupedBatchSampler(lengths, batchSize: 32, seed: 1);

        var indices = sampler.BatchesForEpoch(1).SelectMany(b => b).Order().ToList();

        Assert.Equal(Enumerable.Range(0, 1000), indices);
    }

    [Fact]
    public void SamplerGroupsSimilarLengths()
    {
        var random = new Random(4);
        var lengths = Enumerable.Range(0, 3200).Select(_ => random.Next(5, 60)).ToList();
        var sampler = new LengthGroupedBatchSampler(lengths, batchSize: 32, seed: 1);

        var batches = sampler.BatchesForEpoch(1);
        double padded = batches.Sum(b => b.Length * b.Max(i => lengths[i]));
        double real = lengths.Sum();

        Assert.True(real / padded > 0.9, $"only {real / padded:P1} of the batch tokens are real");
    }

    [Fact]
    public void SamplerOrderDependsOnSeedAndEpoch()
    {
        var lengths = Enumerable.Range(0, 500).Select(i => i % 40 + 3).ToList();
        var sampler = new LengthGroupedBatchSampler(lengths, 16, seed: 9);

        var first = sampler.BatchesForEpoch(1).SelectMany(b => b).ToList();
        var again = sampler.BatchesForEpoch(1).SelectMany(b => b).ToList();
        var next = sampler.BatchesForEpoch(2).SelectMany(b => b).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, next);
    }
}
