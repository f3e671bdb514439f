namespace SuperTune.Training.FewShot;

/// <summary>
/// Draws sentence pairs for contrastive tuning as Hugging Face's SetFit library does for its CosineSimilarityLoss:
/// a positive pair joins two examples of one label, a negative pair examples of two labels.
/// </summary>
/// <remarks>
/// Every label anchors the same number of pairs, half positive and half negative, whatever its example count, so
/// frequent labels do not dominate. Negative partners come from a uniformly drawn other label. The same seed gives
/// the same pairs in the same order.
/// </remarks>
public static class PairSampler
{
    /// <summary>
    /// Returns about <paramref name="pairsPerExample"/> x examples pairs: the same count for every label, rounded
    /// up, and even unless <paramref name="positivesOnly"/> is set.
    /// </summary>
    /// <param name="labelIds">Class index of each training example.</param>
    /// <param name="pairsPerExample">Pairs per example on average, at least 2.</param>
    /// <param name="seed">Seed of the draw.</param>
    /// <param name="positivesOnly">
    /// Whether every pair is positive, for a loss that takes its negatives from the other pairs of a batch.
    /// </param>
    /// <exception cref="ArgumentException">Fewer than two labels, or fewer than 2 pairs per example.</exception>
    public static IReadOnlyList<SentencePair> Sample(IReadOnlyList<int> labelIds, int pairsPerExample, int seed,
        bool positivesOnly = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pairsPerExample, 2);
        var byLabel = labelIds.Select((label, index) => (label, index)).GroupBy(p => p.label)
            .OrderBy(g => g.Key).Select(g => g.Select(p => p.index).ToArray()).ToArray();
        if (byLabel.Length < 2)
        {
            throw new ArgumentException("Contrastive pairs need at least two labels.", nameof(labelIds));
        }

        // Half the pairs of each label are positive, half negative, unless all are positive.
        var perLabel = (int)Math.Ceiling(labelIds.Count * (double)pairsPerExample / byLabel.Length /
                                         (positivesOnly ? 1 : 2));
        var random = new Random(seed);
        var pairs = new List<SentencePair>(perLabel * 2 * byLabel.Length);
        for (var label = 0; label < byLabel.Length; label++)
        {
            var members = byLabel[label];
            for (var k = 0; k < perLabel; k++)
            {
                // Anchors cycle through the label's examples so each is used about equally.
                var anchor = members[k % members.Length];
                pairs.Add(new SentencePair(anchor, PositivePartner(members, anchor, random), 1f));
                if (positivesOnly) continue;

                var other = random.Next(byLabel.Length - 1);
                if (other >= label) other++;
                pairs.Add(new SentencePair(anchor, byLabel[other][random.Next(byLabel[other].Length)], 0f));
            }
        }

        // Shuffle so a batch mixes labels (Fisher-Yates).
        for (var i = pairs.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (pairs[i], pairs[j]) = (pairs[j], pairs[i]);
        }

        return pairs;
    }

    /// <summary>Another example of the same label, or the anchor itself when the label has a single example.</summary>
    private static int PositivePartner(int[] members, int anchor, Random random)
    {
        if (members.Length == 1) return anchor;
        var partner = members[random.Next(members.Length - 1)];
        return partner == anchor ? members[^1] : partner;
    }
}
