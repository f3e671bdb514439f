namespace SuperTune.Core.Evaluation;

/// <summary>Formats CSV rows with RFC 4180 quoting.</summary>
public static class CsvText
{
    /// <summary>Joins <paramref name="fields"/> with commas, each quoted as <see cref="Quote"/> does.</summary>
    public static string FormatRow(IEnumerable<string> fields) => string.Join(',', fields.Select(Quote));

    /// <summary>
    /// Returns <paramref name="field"/> as it must appear in a CSV row: in double quotes, with inner quotes
    /// doubled, when it contains a comma, a double quote, CR or LF, and unchanged otherwise.
    /// </summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
