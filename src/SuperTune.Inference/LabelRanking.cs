using SuperTune.Core.OutOfScope;
using SuperTune.Core.Predictions;

namespace SuperTune.Inference;

/// <summary>Turns one row of logits into a <see cref="ClassificationResult"/>.</summary>
internal static class LabelRanking
{
    /// <summary>
    /// Ranks the labels by softmax(logits / temperature), computed in double after subtracting the largest
    /// logit so that no exponent overflows. Equal probabilities keep class order. The out-of-scope rule, when the
    /// model has one, sees every label's probability, not only the top k.
    /// </summary>
    public static ClassificationResult Rank(ReadOnlySpan<float> logits, IReadOnlyList<string> labels,
        float temperature, OutOfScopeSettings? outOfScope, ClassifyOptions options, string text, bool truncated)
    {
        double max = double.NegativeInfinity;
        foreach (float logit in logits)
        {
            max = Math.Max(max, logit / (double)temperature);
        }

        var probabilities = new double[logits.Length];
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            probabilities[i] = Math.Exp(logits[i] / (double)temperature - max);
            sum += probabilities[i];
        }

        int[] order = Enumerable.Range(0, logits.Length).OrderByDescending(i => probabilities[i]).ToArray();
        int count = Math.Min(options.TopK, order.Length);
        var top = new LabelScore[count];
        for (int rank = 0; rank < count; rank++)
        {
            top[rank] = new LabelScore(labels[order[rank]], (float)(probabilities[order[rank]] / sum));
        }

        var normalized = probabilities.Select(p => (float)(p / sum)).ToArray();
        OutOfScopeVerdict verdict = OutOfScopeVerdict.Decide(outOfScope, labels, normalized);
        return new ClassificationResult
        {
            Text = text,
            Label = top[0].Label,
            Score = top[0].Score,
            TopLabels = top,
            Fallback = top[0].Score < options.Threshold,
            Truncated = truncated,
            OutOfScope = verdict.OutOfScope,
            OutOfScopeReason = verdict.Reason,
        };
    }
}
