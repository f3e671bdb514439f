namespace SuperTune.Training.Retrieval;

/// <summary>One training pair for in-batch-negatives training.</summary>
/// <param name="Anchor">The customer question.</param>
/// <param name="Positive">The text it should be closest to: its answer, or another question with that answer.</param>
/// <param name="AnswerKey">Pairs with equal keys never share a batch and count as right for each other.</param>
/// <param name="HardNegative">Optional similar-looking text with another answer, mined with the untuned model.</param>
public sealed record RetrievalPair(string Anchor, string Positive, string AnswerKey, string? HardNegative = null);
