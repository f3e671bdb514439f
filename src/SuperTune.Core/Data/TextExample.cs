namespace SuperTune.Core.Data;

/// <summary>One text and its label, read from a data file.</summary>
/// <param name="Text">The text, trimmed of leading and trailing whitespace. Never empty.</param>
/// <param name="Label">
/// The label, trimmed. Null only when the file was read with <see cref="DataReadOptions.RequireLabels"/> false
/// and the row has no label.
/// </param>
/// <param name="Line">1-based line where the record starts in the file.</param>
public sealed record TextExample(string Text, string? Label, int Line);
