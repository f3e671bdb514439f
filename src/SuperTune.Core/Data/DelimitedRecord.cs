namespace SuperTune.Core.Data;

/// <summary>One CSV or TSV record: its fields as written, unquoted but not trimmed.</summary>
/// <param name="Line">1-based line where the record starts.</param>
/// <param name="Fields">Field values in column order.</param>
/// <param name="FieldLines">1-based line where each field starts; differs from Line after a multi-line field.</param>
internal sealed record DelimitedRecord(int Line, IReadOnlyList<string> Fields, IReadOnlyList<int> FieldLines);
