namespace SuperTune.Core.Data;

/// <summary>
/// A problem in a data file, located by file, 1-based line and, where known, 1-based column.
/// The message starts with <c>file:line:column:</c> so editors and terminals can jump to it.
/// </summary>
public sealed class DataException : SuperTuneException
{
    public DataException(string file, int line, int? column, string problem, string? hint = null)
        : base(FormatLocation(file, line, column) + ": " + problem, hint)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string File { get; }

    public int Line { get; }

    public int? Column { get; }

    /// <summary>The problem without its location.</summary>
    public string Problem { get; }

    /// <summary>Formats a location as <c>file:line</c> or <c>file:line:column</c>.</summary>
    public static string FormatLocation(string file, int line, int? column) =>
        column is null ? $"{file}:{line}" : $"{file}:{line}:{column}";
}
