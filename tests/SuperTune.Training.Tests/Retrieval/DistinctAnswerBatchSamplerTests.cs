using SuperTune.Training.Retrieval;

namespace SuperTune.Training.Tests.Retrieval;

public class DistinctAnswerBatchSamplerTests
{
    [Fact]
    public void BatchesNeverRepeatAnAnswer()
    {
        // Given 300 pairs over 12 answers of very different sizes.
        var random = new Random(5);
        var answers = Enumerable.Range(0, 300).Select(_ => (int)Math.Floor(Math.Pow(random.NextDouble(), 2) * 12)).ToList();
        var sampler = new DistinctAnswerBatchSampler(answers, batchSize: 8, seed: 1);

        for (var epoch = 1; epoch <= 5; epoch++)
        {
            var batches = sampler.BatchesForEpoch(epoch);

            foreach (var batch in batches)
            {
                var batchAnswers = batch.Select(i => answers[i]).ToList();
                Assert.Equal(batchAnswers.Count, batchAnswers.Distinct().Count());
                Assert.InRange(batch.Length, 2, 8);
            }

            var used = batches.SelectMany(b => b).ToList();
            Assert.Equal(used.Count, used.Distinct().Count());
        }
    }

    [Fact]
    public void OnlyLonePairsAreSkipped()
    {
        var answers = new[] { 0, 0, 0, 0, 0, 1, 2 };
        var sampler = new DistinctAnswerBatchSampler(answers, batchSize: 4, seed: 3);

        var used = sampler.BatchesForEpoch(1).SelectMany(b => b).ToList();

        // The first batch takes one pair of each answer; the four pairs of answer 0 left over cannot share a batch.
        Assert.Equal(3, used.Count);
        Assert.Contains(5, used);
        Assert.Contains(6, used);
    }

    [Fact]
    public void BatchSizeIsCappedByDistinctAnswers()
    {
        var sampler = new DistinctAnswerBatchSampler([0, 1, 2, 0, 1, 2], batchSize: 32, seed: 1);

        Assert.Equal(3, sampler.BatchSize);
        Assert.All(sampler.BatchesForEpoch(1), b => Assert.Equal(3, b.Length));
    }

    [Fact]
    public void SameSeedAndEpochGiveSameBatches()
    {
        var answers = Enumerable.Range(0, 50).Select(i => i % 7).ToList();

        var first = new DistinctAnswerBatchSampler(answers, 5, seed: 9).BatchesForEpoch(2);
        var second = new DistinctAnswerBatchSampler(answers, 5, seed: 9).BatchesForEpoch(2);
        var otherEpoch = new DistinctAnswerBatchSampler(answers, 5, seed: 9).BatchesForEpoch(3);

        Assert.Equal(first.Select(b => string.Join(',', b)), second.Select(b => string.Join(',', b)));
        Assert.NotEqual(first.Select(b => string.Join(',', b)), otherEpoch.Select(b => string.Join(',', b)));
    }
}
