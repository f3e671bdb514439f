using SuperTune.Training.FewShot;

namespace SuperTune.Training.Tests.FewShot;

public class PairSamplerTests
{
    // Imbalanced on purpose: label 0 has 12 examples, label 1 has 4, label 2 has 2.
    private static readonly int[] LabelIds = [.. Enumerable.Repeat(0, 12), .. Enumerable.Repeat(1, 4), 2, 2];

    [Fact]
    public void EveryLabelAnchorsEqualPositivesAndNegatives()
    {
        var pairs = PairSampler.Sample(LabelIds, pairsPerExample: 6, seed: 3);

        foreach (var label in new[] { 0, 1, 2 })
        {
            var anchored = pairs.Where(p => LabelIds[p.First] == label).ToList();
            // ceil(18 * 6 / 3 / 2) = 18 anchors per label, each with one positive and one negative pair.
            Assert.Equal(36, anchored.Count);
            Assert.Equal(18, anchored.Count(p => p.Target == 1f));
        }
    }

    [Fact]
    public void TargetsMatchTheLabels()
    {
        var pairs = PairSampler.Sample(LabelIds, pairsPerExample: 4, seed: 5);

        foreach (var pair in pairs)
        {
            var same = LabelIds[pair.First] == LabelIds[pair.Second];
            Assert.Equal(same ? 1f : 0f, pair.Target);
            if (same) Assert.NotEqual(pair.First, pair.Second);
        }
    }

    [Fact]
    public void SameSeedGivesSamePairs()
    {
        var first = PairSampler.Sample(LabelIds, 4, seed: 9);
        var again = PairSampler.Sample(LabelIds, 4, seed: 9);
        var other = PairSampler.Sample(LabelIds, 4, seed: 10);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void AnchorsSpreadOverTheLabelsExamples()
    {
        var pairs = PairSampler.Sample(LabelIds, pairsPerExample: 6, seed: 3);

        // Label 1 has 18 anchors over 4 examples (5, 5, 4, 4), each anchor with two pairs.
        var uses = pairs.Where(p => LabelIds[p.First] == 1).GroupBy(p => p.First).Select(g => g.Count()).Order().ToList();
        Assert.Equal([8, 8, 10, 10], uses);
    }

    [Fact]
    public void PositivesOnlyDrawsEveryPairFromOneLabel()
    {
        var pairs = PairSampler.Sample(LabelIds, pairsPerExample: 6, seed: 3, positivesOnly: true);

        Assert.All(pairs, p => Assert.Equal(LabelIds[p.First], LabelIds[p.Second]));
        // ceil(18 * 6 / 3) = 36 anchors per label, each with one positive pair.
        Assert.All(new[] { 0, 1, 2 }, label => Assert.Equal(36, pairs.Count(p => LabelIds[p.First] == label)));
    }

    [Fact]
    public void SingleLabelIsRejected()
    {
        Assert.Throws<ArgumentException>(() => PairSampler.Sample([0, 0, 0], 4, 1));
    }
}
