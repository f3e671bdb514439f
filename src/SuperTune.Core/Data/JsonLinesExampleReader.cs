using System.Text.Json;

namespace SuperTune.Core.Data;

/// <summary>Reads examples from a JSON Lines file: one JSON object per line, blank lines skipped.</summary>
internal static class JsonLinesExampleReader
{
    /// <summary>Reads every object's text and label fields, trimmed. A number label is kept as written.</summary>
    /// <exception cref="DataException">
    /// A line is not a JSON object, or a field is missing, empty or of the wrong type.
    /// </exception>
    public static List<TextExample> Read(TextReader reader, string file, DataReadOptions options)
    {
        var examples = new List<TextExample>();
        int lineNumber = 0;
        bool sawAnyLine = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            sawAnyLine = true;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using JsonDocument document = Parse(line, file, lineNumber);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw DataErrors.NotAnObject(file, lineNumber, root.ValueKind);
            }

            if (JsonStrings.HasUndecodableName(root))
            {
                throw DataErrors.LoneSurrogate(file, lineNumber, "a field name");
            }

            string text = ReadText(root, file, lineNumber, options.TextColumn);
            string? label = ReadLabel(root, file, lineNumber, options);
            examples.Add(new TextExample(text, label, lineNumber));
        }

        if (examples.Count > 0)
        {
            return examples;
        }

        throw sawAnyLine ? DataErrors.NoJsonObjects(file) : DataErrors.EmptyFile(file, DataFormat.Jsonl);
    }

    private static JsonDocument Parse(string line, string file, int lineNumber)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException error)
        {
            throw DataErrors.InvalidJson(file, lineNumber, error, line.TrimStart().StartsWith('['));
        }
    }

    private static string ReadText(JsonElement root, string file, int lineNumber, string field)
    {
        if (!root.TryGetProperty(field, out JsonElement value))
        {
            throw DataErrors.MissingField(file, lineNumber, field, FieldNames(root), isLabel: false);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw DataErrors.WrongFieldType(file, lineNumber, field, "a string", value.ValueKind);
        }

        if (!JsonStrings.TryGetText(value, out string? decoded))
        {
            throw DataErrors.LoneSurrogate(file, lineNumber, $"field \"{field}\"");
        }

        string text = decoded.Trim();
        return text.Length > 0 ? text : throw DataErrors.EmptyFieldValue(file, lineNumber, "text", field);
    }

    // Returns the trimmed label. A number such as 3 becomes "3" as written in the file. A missing, null or
    // empty label is an error when labels are required and null otherwise.
    private static string? ReadLabel(JsonElement root, string file, int lineNumber, DataReadOptions options)
    {
        string field = options.LabelColumn;
        bool found = root.TryGetProperty(field, out JsonElement value);
        if (!found || value.ValueKind == JsonValueKind.Null)
        {
            if (!options.RequireLabels)
            {
                return null;
            }

            throw found
                ? DataErrors.WrongFieldType(file, lineNumber, field, "a string or a number", value.ValueKind)
                : DataErrors.MissingField(file, lineNumber, field, FieldNames(root), isLabel: true);
        }

        string label = value.ValueKind switch
        {
            JsonValueKind.String => JsonStrings.TryGetText(value, out string? text)
                ? text.Trim()
                : throw DataErrors.LoneSurrogate(file, lineNumber, $"field \"{field}\""),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw DataErrors.WrongFieldType(file, lineNumber, field, "a string or a number", value.ValueKind),
        };
        if (label.Length > 0)
        {
            return label;
        }

        return options.RequireLabels ? throw DataErrors.EmptyFieldValue(file, lineNumber, "label", field) : null;
    }

    private static IEnumerable<string> FieldNames(JsonElement root) =>
        root.EnumerateObject().Select(property => property.Name);
}
