namespace SuperTune.Core.OutOfScope;

/// <summary>A labelled example scored by one scheme, the input of threshold tuning and of its metrics.</summary>
/// <param name="Score">The scheme's score of the example.</param>
/// <param name="GoldOutOfScope">Whether the gold label is the out-of-scope label.</param>
/// <param name="Correct">Whether the gold label is in scope and equals the best in-scope label.</param>
public readonly record struct ScoredExample(SchemeScore Score, bool GoldOutOfScope, bool Correct);
