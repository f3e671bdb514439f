namespace SuperTune.Core.Retrieval;

/// <summary>Chooses score thresholds on validation data for a target precision.</summary>
public static class ThresholdTuner
{
    /// <summary>A threshold above every cosine similarity (at most 1): nothing is accepted.</summary>
    public const double Never = 2.0;

    /// <summary>
    /// Returns the lowest threshold t such that the items with score >= t are correct in at least
    /// <paramref name="targetPrecision"/> of cases, which accepts the most items at that precision. Items with
    /// equal scores are accepted or rejected together. Returns <see cref="Never"/> when no threshold reaches the
    /// target, including for empty input.
    /// </summary>
    public static double ForPrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> correct, double targetPrecision)
    {
        if (scores.Count != correct.Count)
        {
            throw new ArgumentException($"{scores.Count} scores but {correct.Count} correctness flags.", nameof(correct));
        }

        if (targetPrecision is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(targetPrecision), targetPrecision, "Use a value in (0, 1].");
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var best = Never;
        var accepted = 0;
        var right = 0;
        for (var i = 0; i < order.Length; i++)
        {
            accepted++;
            if (correct[order[i]]) right++;

            // A threshold can only sit between distinct scores.
            var lastOfTie = i == order.Length - 1 || scores[order[i + 1]] < scores[order[i]];
            if (lastOfTie && right >= targetPrecision * accepted - 1e-9) best = scores[order[i]];
        }

        return best;
    }
}
