namespace SuperTune.Core.Retrieval;

/// <summary>Turns ranked candidates into an answer, a clarifying question or an escalation.</summary>
public static class AnswerDecider
{
    /// <summary>Number of candidates offered in a clarifying question.</summary>
    public const int ClarifyCount = 3;

    /// <summary>Decides from candidates ranked best first and distinct by answer.</summary>
    public static AnswerResult Decide(IReadOnlyList<RetrievalCandidate> candidates, AnswerThresholds thresholds)
    {
        if (candidates.Count == 0) return new AnswerResult(AnswerDecision.Escalate, null, 0, 0, [], 0);

        var score = (double)candidates[0].Score;
        var margin = candidates.Count > 1 ? score - candidates[1].Score : 0;
        var confidence = Confidence(candidates, thresholds.ConfidenceScale, thresholds.Clarify);
        var decision = score < thresholds.Clarify ? AnswerDecision.Escalate
            : confidence >= thresholds.Answer ? AnswerDecision.Answer
            : AnswerDecision.Clarify;
        return new AnswerResult(decision, candidates[0].Entry, score, margin, candidates.Take(ClarifyCount).ToList(),
            confidence);
    }

    /// <summary>
    /// Returns the softmax probability of the best of the first <see cref="ClarifyCount"/> candidates and a
    /// "no answer" candidate of cosine <paramref name="noAnswerScore"/>, with all cosines multiplied by
    /// <paramref name="scale"/>; or the best cosine when <paramref name="scale"/> is null.
    /// </summary>
    /// <remarks>
    /// The multiple-negatives ranking loss trains this softmax over the answers of a batch, so a large value means
    /// the best answer is well ahead of the others. The cosine alone cannot tell a question close to two answers from
    /// one close to a single answer. The "no answer" term, at the clarify threshold, lowers the confidence of a best
    /// answer that is itself barely above that threshold, as a message that fits no answer often is.
    /// </remarks>
    public static double Confidence(IReadOnlyList<RetrievalCandidate> candidates, double? scale, double noAnswerScore)
    {
        if (candidates.Count == 0) return 0;
        if (scale is not { } factor) return candidates[0].Score;

        // exp(s * c_0) / (exp(s * t) + sum_i exp(s * c_i)), computed relative to the best so no term overflows.
        var best = candidates[0].Score;
        var sum = Math.Exp(factor * (noAnswerScore - best));
        for (var i = 0; i < Math.Min(ClarifyCount, candidates.Count); i++)
        {
            sum += Math.Exp(factor * (candidates[i].Score - best));
        }

        return 1 / sum;
    }
}
