namespace SuperTune.Core.Retrieval;

/// <summary>What to do with one customer message, and the evidence behind it.</summary>
/// <param name="Decision">"answer", "clarify" or "escalate" (<see cref="AnswerDecision"/>).</param>
/// <param name="Best">The best-scoring entry, or null for an empty knowledge base.</param>
/// <param name="Score">Cosine similarity of the best entry; 0 when there is none.</param>
/// <param name="Margin">Best score minus the score of the best entry with a different answer; 0 without one.</param>
/// <param name="Candidates">The top distinct answers, best first, at most three.</param>
/// <param name="Confidence">The value compared with the answer threshold (see <see cref="AnswerDecider.Confidence"/>).</param>
public sealed record AnswerResult(string Decision, KnowledgeBaseEntry? Best, double Score, double Margin,
    IReadOnlyList<RetrievalCandidate> Candidates, double Confidence);
