namespace SuperTune.Core.OutOfScope;

/// <summary>One scheme's tuned threshold with its metrics on validation and, when given, test data.</summary>
/// <param name="Choice">The threshold tuned on validation and its validation metrics.</param>
/// <param name="Test">Metrics on the test data at the same threshold, or null without test data.</param>
public sealed record SchemeComparison(ThresholdChoice Choice, OutOfScopeMetrics? Test);
