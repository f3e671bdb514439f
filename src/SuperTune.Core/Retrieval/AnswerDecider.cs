namespace SuperTune.Core.Retrieval;

/// <summary>Turns ranked candidates into an answer, a clarifying question or an escalation.</summary>
public static class AnswerDecider
{
    /// <summary>Number of candidates offered in a clarifying question.</summary>
    public const int ClarifyCount = 3;

    /// <summary>Decides from candidates ranked best first and distinct by answer.</summary>
    public static AnswerResult Decide(IReadOnlyList<RetrievalCandidate> candidates, AnswerThresholds thresholds)
    {
        if (candidates.Count == 0) return new AnswerResult(AnswerDecision.Escalate, null, 0, 0, []);

        var score = (double)candidates[0].Score;
        var margin = candidates.Count > 1 ? score - candidates[1].Score : 0;
        var decision = score >= thresholds.Answer ? AnswerDecision.Answer
            : score >= thresholds.Clarify ? AnswerDecision.Clarify
            : AnswerDecision.Escalate;
        return new AnswerResult(decision, candidates[0].Entry, score, margin, candidates.Take(ClarifyCount).ToList());
    }
}
