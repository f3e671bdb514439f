namespace SuperTune.Core.Data;

/// <summary>Finds repeated rows and texts that appear with more than one label.</summary>
internal static class DuplicateFinder
{
    /// <summary>
    /// Returns a warning for each example whose text and label repeat an earlier example, and for each example
    /// whose text first appears with a new label. Texts are compared exactly (ordinal, after trimming).
    /// </summary>
    public static List<DataWarning> FindDuplicates(string file, IReadOnlyList<TextExample> examples)
    {
        var warnings = new List<DataWarning>();
        var firstLineOfRow = new Dictionary<(string Text, string? Label), int>();
        var firstOfText = new Dictionary<string, TextExample>(StringComparer.Ordinal);
        foreach (TextExample example in examples)
        {
            if (firstLineOfRow.TryGetValue((example.Text, example.Label), out int firstLine))
            {
                warnings.Add(new DataWarning(file, example.Line, $"line {example.Line} repeats line {firstLine}"));
                continue;
            }

            firstLineOfRow.Add((example.Text, example.Label), example.Line);
            if (!firstOfText.TryAdd(example.Text, example))
            {
                TextExample first = firstOfText[example.Text];
                string message = $"line {example.Line} has the same text as line {first.Line} but a different label: "
                    + $"{Describe(example.Label)} here, {Describe(first.Label)} on line {first.Line}";
                warnings.Add(new DataWarning(file, example.Line, message));
            }
        }

        return warnings;
    }

    private static string Describe(string? label) => label is null ? "no label" : $"\"{label}\"";
}
