namespace SuperTune.Core.OutOfScope;

/// <summary>
/// How well one out-of-scope rule separates in-scope from out-of-scope texts. Ratios with an empty denominator are
/// NaN, which metrics.json writes as the string "NaN".
/// </summary>
/// <param name="InScopeAccuracy">Share of gold in-scope texts that are accepted and get their gold label.</param>
/// <param name="InScopePrecision">Share of accepted texts that get their correct in-scope label.</param>
/// <param name="OutOfScopeRecall">Share of gold out-of-scope texts that are rejected.</param>
/// <param name="OutOfScopePrecision">Share of rejected texts whose gold label is out of scope.</param>
/// <param name="Auroc">
/// Area under the ROC curve of the scheme's score for telling gold out-of-scope texts from the rest.
/// </param>
/// <param name="InScopeCount">Gold in-scope texts.</param>
/// <param name="OutOfScopeCount">Gold out-of-scope texts.</param>
public sealed record OutOfScopeMetrics(double InScopeAccuracy, double InScopePrecision, double OutOfScopeRecall,
    double OutOfScopePrecision, double Auroc, int InScopeCount, int OutOfScopeCount)
{
    /// <summary>Computes the metrics of <paramref name="scheme"/> at <paramref name="threshold"/>.</summary>
    public static OutOfScopeMetrics Compute(IReadOnlyList<ScoredExample> examples, string scheme, double threshold) =>
        Compute(examples, scheme, threshold, ComputeAuroc(examples));

    /// <summary>
    /// Computes the metrics with an AUROC computed before, because it does not depend on the threshold.
    /// </summary>
    public static OutOfScopeMetrics Compute(IReadOnlyList<ScoredExample> examples, string scheme, double threshold,
        double auroc)
    {
        int inScope = 0, outOfScope = 0, acceptedCorrect = 0, accepted = 0, rejectedOutOfScope = 0, rejected = 0;
        foreach (var example in examples)
        {
            var isRejected = example.Score.IsOutOfScope(scheme, threshold);
            if (example.GoldOutOfScope) outOfScope++;
            else inScope++;

            if (isRejected)
            {
                rejected++;
                if (example.GoldOutOfScope) rejectedOutOfScope++;
            }
            else
            {
                accepted++;
                if (example.Correct) acceptedCorrect++;
            }
        }

        return new OutOfScopeMetrics(Ratio(acceptedCorrect, inScope), Ratio(acceptedCorrect, accepted),
            Ratio(rejectedOutOfScope, outOfScope), Ratio(rejectedOutOfScope, rejected), auroc,
            inScope, outOfScope);
    }

    /// <summary>
    /// Returns the probability that a random gold out-of-scope text scores below a random in-scope one (ties count
    /// half), the Mann-Whitney form of the ROC area; NaN unless both kinds occur.
    /// </summary>
    public static double ComputeAuroc(IReadOnlyList<ScoredExample> examples)
    {
        var sorted = examples.OrderBy(e => e.Score.Score).ToList();
        double outOfScopeRankSum = 0;
        var outOfScope = 0;
        for (var start = 0; start < sorted.Count;)
        {
            // Tied scores share the mean of their 1-based ranks.
            var end = start;
            while (end < sorted.Count && sorted[end].Score.Score == sorted[start].Score.Score) end++;
            var meanRank = (start + 1 + end) / 2.0;
            for (var i = start; i < end; i++)
            {
                if (!sorted[i].GoldOutOfScope) continue;
                outOfScope++;
                outOfScopeRankSum += meanRank;
            }

            start = end;
        }

        var inScope = sorted.Count - outOfScope;
        if (outOfScope == 0 || inScope == 0) return double.NaN;

        // Out-of-scope texts should have the low scores, so count in-scope texts ranked above each of them.
        var uOutOfScope = outOfScopeRankSum - outOfScope * (outOfScope + 1) / 2.0;
        return 1 - uOutOfScope / ((double)outOfScope * inScope);
    }

    private static double Ratio(int numerator, int denominator) =>
        denominator == 0 ? double.NaN : numerator / (double)denominator;
}
