namespace SuperTune.Core.Redaction;

/// <summary>What a file redaction did.</summary>
/// <param name="Records">Data rows (CSV, TSV) or JSON objects (JSONL) written.</param>
/// <param name="SpansByLabel">Number of replaced spans per label, such as EMAIL.</param>
public sealed record FileRedactionSummary(int Records, IReadOnlyDictionary<string, int> SpansByLabel);
