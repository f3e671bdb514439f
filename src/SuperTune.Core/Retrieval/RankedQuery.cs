namespace SuperTune.Core.Retrieval;

/// <summary>One evaluation question with its ranked candidates.</summary>
/// <param name="Question">The message text.</param>
/// <param name="RelevantKey">The answer key that counts as right, or null for a question with no right answer.</param>
/// <param name="Candidates">Distinct answers, best first (at least ten for MRR@10).</param>
public sealed record RankedQuery(string Question, string? RelevantKey, IReadOnlyList<RetrievalCandidate> Candidates)
{
    /// <summary>1-based rank of the right answer among the candidates, or 0 when it is absent.</summary>
    public int RelevantRank()
    {
        if (RelevantKey is null) return 0;
        for (var i = 0; i < Candidates.Count; i++)
        {
            if (string.Equals(Candidates[i].Entry.AnswerKey, RelevantKey, StringComparison.Ordinal)) return i + 1;
        }

        return 0;
    }

    /// <summary>Cosine of the best candidate, or 0 without candidates.</summary>
    public double TopScore => Candidates.Count > 0 ? Candidates[0].Score : 0;
}
