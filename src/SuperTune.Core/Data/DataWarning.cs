namespace SuperTune.Core.Data;

/// <summary>A finding in a data file that does not stop reading, such as a duplicate row.</summary>
/// <param name="File">Path of the data file, as given to the reader.</param>
/// <param name="Line">1-based line of the record that the warning is about.</param>
/// <param name="Message">What was found, naming the other lines involved.</param>
public sealed record DataWarning(string File, int Line, string Message)
{
    /// <summary>Formats the warning as <c>file:line: warning: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}: warning: {Message}";
}
