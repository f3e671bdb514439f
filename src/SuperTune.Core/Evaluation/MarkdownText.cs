using System.Globalization;

namespace SuperTune.Core.Evaluation;

/// <summary>Formats values for Markdown tables.</summary>
internal static class MarkdownText
{
    /// <summary>
    /// Returns <paramref name="text"/> made safe for one table cell: line breaks become spaces, pipes are escaped
    /// and HTML is written as entities, so a label or message cannot inject markup into the rendered report.
    /// Text longer than <paramref name="maxLength"/> characters is cut and ends with an ellipsis.
    /// </summary>
    public static string Cell(string text, int maxLength = int.MaxValue)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        if (oneLine.Length > maxLength)
        {
            oneLine = oneLine[..(maxLength - 1)].TrimEnd() + "…";
        }

        return oneLine.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("|", "\\|");
    }

    /// <summary>Formats a metric value: 4 decimals, or scientific notation for magnitudes below 0.001.</summary>
    public static string Value(object value) => value switch
    {
        double number => Number(number),
        float number => Number(number),
        decimal number => Number((double)number),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Cell(value.ToString() ?? ""),
    };

    /// <summary>Formats a score from 0 to 1 with 4 decimals.</summary>
    public static string Score(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>Starts a table with the given header cells; a cell starting with '&gt;' is right-aligned.</summary>
    public static IEnumerable<string> TableHeader(params string[] headers)
    {
        yield return "| " + string.Join(" | ", headers.Select(h => h.TrimStart('>'))) + " |";
        yield return "|" + string.Join("|", headers.Select(h => h.StartsWith('>') ? "---:" : "---")) + "|";
    }

    /// <summary>Formats one table row from cells that are already escaped.</summary>
    public static string TableRow(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static string Number(double number)
    {
        if (number == 0 || !double.IsFinite(number) || Math.Abs(number) >= 0.001)
        {
            return number.ToString("0.0000", CultureInfo.InvariantCulture);
        }

        return number.ToString("0.###E+0", CultureInfo.InvariantCulture);
    }
}
