using System.Text.Json;

namespace SuperTune.Core.Data;

/// <summary>Factory methods for the <see cref="DataException"/>s of the data readers, one per failure.</summary>
internal static class DataErrors
{
    private const string JsonLineExample = "{\"text\": \"...\", \"label\": \"...\"}";

    public static DataException EmptyFile(string file, DataFormat format) =>
        new(file, 1, null, "the file is empty", format == DataFormat.Jsonl
            ? $"Write one JSON object per line, for example {JsonLineExample}."
            : "Write a header row that names the columns, such as text,label, and then one row per example.");

    public static DataException NoDataRows(string file, int headerLine) =>
        new(file, headerLine, null, "the file has a header row but no data rows", "Add one row per example.");

    public static DataException NoJsonObjects(string file) =>
        new(file, 1, null, "the file contains only blank lines",
            $"Write one JSON object per line, for example {JsonLineExample}.");

    public static DataException MissingColumn(
        string file, int line, string column, IEnumerable<string> existing, bool isLabel, string? separatorHint) =>
        new(file, line, null,
            $"column \"{column}\" not found in the header. The header has {ListNames("column", existing)}.",
            separatorHint ?? ColumnOptionHint("column", isLabel));

    public static DataException MissingField(
        string file, int line, string field, IEnumerable<string> existing, bool isLabel) =>
        new(file, line, null,
            $"field \"{field}\" not found in the object. The object has {ListNames("field", existing)}.",
            ColumnOptionHint("field", isLabel));

    public static DataException DuplicateColumn(string file, int line, string column, int first, int second) =>
        new(file, line, second, $"column \"{column}\" appears twice in the header, as column {first} and {second}",
            "Rename one of the two columns.");

    public static DataException WrongFieldCount(
        string file, int line, int expected, int actual, string separatorName) =>
        new(file, line, null, $"expected {expected} fields as in the header, found {actual}", actual > expected
            ? $"Put double quotes around a field that contains a {separatorName}."
            : $"Check that the row has a value for each of the {expected} columns.");

    public static DataException UnterminatedQuote(string file, int line, int field) =>
        new(file, line, field, $"the quote that opens field {field} is never closed",
            "Add the closing quote. Inside a quoted field, write a quote as two quotes (\"\").");

    public static DataException TextAfterClosingQuote(string file, int line, int field, char found) =>
        new(file, line, field, $"unexpected {DescribeChar(found)} after the closing quote of field {field}",
            "Inside a quoted field, write a quote as two quotes, for example \"She said \"\"hi\"\"\".");

    public static DataException EmptyColumnValue(string file, int line, int field, string valueKind, string column) =>
        new(file, line, field, $"empty {valueKind} in column \"{column}\"",
            $"Fill in the {valueKind} or delete the row.");

    public static DataException EmptyFieldValue(string file, int line, string valueKind, string field) =>
        new(file, line, null, $"empty {valueKind} in field \"{field}\"",
            $"Fill in the {valueKind} or delete the line.");

    public static DataException InvalidJson(string file, int line, JsonException error, bool startsWithBracket)
    {
        int? column = error.BytePositionInLine is long position ? (int)position + 1 : null;
        return new(file, line, column, $"invalid JSON: {DescribeJsonError(error)}", startsWithBracket
            ? "The file looks like a JSON array. Write one JSON object per line instead (JSON Lines)."
            : $"Each line must be one complete JSON object, for example {JsonLineExample}.");
    }

    public static DataException NotAnObject(string file, int line, JsonValueKind kind) =>
        new(file, line, null, $"expected a JSON object, found {DescribeKind(kind)}", kind == JsonValueKind.Array
            ? "The file looks like a JSON array. Write one JSON object per line instead (JSON Lines)."
            : $"Each line must be one JSON object, for example {JsonLineExample}.");

    public static DataException WrongFieldType(string file, int line, string field, string expected,
        JsonValueKind found) =>
        new(file, line, null, $"field \"{field}\" must be {expected}, found {DescribeKind(found)}",
            "Write the value as a JSON string in double quotes.");

    /// <summary>A string or name, named by <paramref name="subject"/>, with an escaped lone surrogate.</summary>
    public static DataException LoneSurrogate(string file, int line, string subject) =>
        new(file, line, null,
            $"{subject} contains an escaped lone surrogate (\\uD800-\\uDFFF without its pair), which is not "
            + "valid Unicode text", JsonStrings.LoneSurrogateHint);

    public static DataException InvalidUtf8(string file, int line, int column, byte value) =>
        new(file, line, column,
            $"the file is not valid UTF-8: byte 0x{value:X2} at byte {column} of the line cannot be decoded",
            "Re-save the file as UTF-8, for example in Excel with Save As and the file type \"CSV UTF-8\".");

    private static string ListNames(string kind, IEnumerable<string> names)
    {
        string[] quoted = [.. names.Select(name => $"\"{name}\"")];
        return quoted.Length switch
        {
            0 => $"no {kind}s",
            1 => $"one {kind}: {quoted[0]}",
            _ => $"{kind}s {string.Join(", ", quoted)}",
        };
    }

    private static string ColumnOptionHint(string kind, bool isLabel) => isLabel
        ? $"Pass --label-column with the name of the {kind} that contains the labels."
        : $"Pass --text-column with the name of the {kind} that contains the text.";

    // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 9." to its messages. The location is
    // already in the DataException prefix, and its line number counts from 0 within the single parsed line.
    private static string DescribeJsonError(JsonException error)
    {
        string message = error.Message;
        int locationStart = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return locationStart < 0 ? message : message[..locationStart];
    }

    // Shows a visible character in quotes and a space, tab or control character by its code point.
    private static string DescribeChar(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private static string DescribeKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
