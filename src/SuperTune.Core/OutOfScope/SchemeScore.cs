namespace SuperTune.Core.OutOfScope;

/// <summary>One text scored by one out-of-scope scheme.</summary>
/// <param name="BestInScope">Class index of the most probable label other than the out-of-scope one.</param>
/// <param name="Score">In-scope score: higher means more likely in scope. The threshold applies to it.</param>
/// <param name="PredictedOutOfScopeLabel">Whether the model's best label is its out-of-scope class.</param>
public readonly record struct SchemeScore(int BestInScope, double Score, bool PredictedOutOfScopeLabel)
{
    /// <summary>
    /// Scores calibrated <paramref name="probabilities"/> under <paramref name="scheme"/>.
    /// <paramref name="outOfScopeIndex"/> is the class index of the out-of-scope label, or -1 when the model has none.
    /// </summary>
    /// <exception cref="ArgumentException">The label scheme without an out-of-scope class, or an unknown scheme.</exception>
    public static SchemeScore Compute(string scheme, ReadOnlySpan<float> probabilities, int outOfScopeIndex)
    {
        // The two most probable in-scope labels, and whether the out-of-scope class beats them.
        int best = -1, second = -1;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (i == outOfScopeIndex) continue;
            if (best < 0 || probabilities[i] > probabilities[best])
            {
                second = best;
                best = i;
            }
            else if (second < 0 || probabilities[i] > probabilities[second])
            {
                second = i;
            }
        }

        var top = probabilities[best];
        var runnerUp = second < 0 ? 0.0 : probabilities[second];
        var outOfScopeProbability = outOfScopeIndex < 0 ? 0.0 : probabilities[outOfScopeIndex];
        var predictedLabel = outOfScopeIndex >= 0 && outOfScopeProbability > top;

        var score = scheme switch
        {
            OutOfScopeSchemes.Label when outOfScopeIndex < 0 => throw new ArgumentException(
                "The label scheme needs a model with an out-of-scope class.", nameof(outOfScopeIndex)),
            OutOfScopeSchemes.Label => 1 - outOfScopeProbability,
            OutOfScopeSchemes.Confidence => top,
            OutOfScopeSchemes.Margin => top - runnerUp,
            _ => throw new ArgumentException(
                $"Unknown out-of-scope scheme \"{scheme}\"; use {string.Join(", ", OutOfScopeSchemes.All)}.",
                nameof(scheme)),
        };
        return new SchemeScore(best, score, predictedLabel);
    }

    /// <summary>Whether the text is out of scope at <paramref name="threshold"/> under a thresholded scheme.</summary>
    public bool IsOutOfScope(string scheme, double threshold) =>
        PredictedOutOfScopeLabel || (scheme != OutOfScopeSchemes.Label && Score < threshold);
}
