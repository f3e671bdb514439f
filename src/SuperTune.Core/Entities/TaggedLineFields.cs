using System.Text.Json;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Entities;

/// <summary>Reads and checks the fields of one line of entity data, adding each problem with the line number.</summary>
internal sealed class TaggedLineFields(JsonElement root, int lineNumber, TaggedDataProblems problems)
{
    private const string LoneSurrogate = "contains an escaped lone surrogate (\\uD800-\\uDFFF without its pair), "
        + "which is not valid Unicode text. " + JsonStrings.LoneSurrogateHint;

    public void Problem(string message) => problems.Add(lineNumber, message);

    public string[]? StringArray(string field, bool required)
    {
        if (!root.TryGetProperty(field, out JsonElement value))
        {
            if (required)
            {
                Problem($"field \"{field}\" is missing; \"tags\" needs \"tokens\" beside it, one tag per token");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
        {
            Problem($"field \"{field}\" must be an array of strings");
            return null;
        }

        var items = new string[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (!JsonStrings.TryGetText(item, out string? text))
            {
                Problem($"item {i} of field \"{field}\" {LoneSurrogate}");
                return null;
            }

            items[i++] = text;
        }

        return items;
    }

    public string? OptionalText() => root.TryGetProperty("text", out _) ? RequiredText() : null;

    public string? RequiredText()
    {
        if (!root.TryGetProperty("text", out JsonElement value))
        {
            Problem("field \"text\" is missing; \"spans\" index into it");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Problem("field \"text\" must be a non-empty string");
            return null;
        }

        if (!JsonStrings.TryGetText(value, out string? text))
        {
            Problem($"field \"text\" {LoneSurrogate}");
            return null;
        }

        if (text.Trim().Length == 0)
        {
            Problem("field \"text\" must be a non-empty string");
            return null;
        }

        return text;
    }

    /// <summary>
    /// Finds each token in <paramref name="text"/>, in order, with only whitespace before, between and after
    /// them, and returns their ranges.
    /// </summary>
    public TextRange[]? Align(string[] tokens, string text)
    {
        var words = new TextRange[tokens.Length];
        var index = new CodePointIndex(text);
        int position = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            position = SkipWhitespace(text, position);
            if (tokens[i].Length == 0 || !text.AsSpan(position).StartsWith(tokens[i], StringComparison.Ordinal))
            {
                Problem($"token {i} \"{tokens[i]}\" is misaligned: the text continues with \"{Excerpt(text, position)}\" "
                    + $"at code point {index.ToCodePoint(position)}; tokens must appear in the text in order, "
                    + "separated only by whitespace");
                return null;
            }

            words[i] = new TextRange(position, position + tokens[i].Length);
            position += tokens[i].Length;
        }

        position = SkipWhitespace(text, position);
        if (position < text.Length)
        {
            Problem($"the text continues after the last token with \"{Excerpt(text, position)}\" at code point "
                + $"{index.ToCodePoint(position)}; add tokens for it");
            return null;
        }

        return words;
    }

    /// <summary>
    /// Reads the spans, converts their code point offsets to UTF-16, and checks that each lies on word
    /// boundaries, has no whitespace at either end and overlaps no other span.
    /// </summary>
    public EntitySpan[]? Spans(string text, IReadOnlyList<TextRange>? words)
    {
        JsonElement value = root.GetProperty("spans");
        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem("field \"spans\" must be an array of {\"start\", \"end\", \"label\"} objects");
            return null;
        }

        var index = new CodePointIndex(text);
        var spans = new List<(EntitySpan Span, int Item)>();
        bool valid = true;
        int item = 0;
        foreach (JsonElement element in value.EnumerateArray())
        {
            EntitySpan? span = Span(element, item, text, index, words);
            valid &= span is not null;
            if (span is not null)
            {
                spans.Add((span, item));
            }

            item++;
        }

        spans.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Item.CompareTo(b.Item));
        for (int i = 1; i < spans.Count; i++)
        {
            if (spans[i].Span.Start < spans[i - 1].Span.End)
            {
                Problem($"spans {spans[i - 1].Item} \"{spans[i - 1].Span.TextIn(text)}\" and {spans[i].Item} "
                    + $"\"{spans[i].Span.TextIn(text)}\" overlap; BIO tags allow one entity per word, so keep one");
                valid = false;
            }
        }

        return valid ? [.. spans.Select(s => s.Span)] : null;
    }

    private EntitySpan? Span(JsonElement element, int item, string text, CodePointIndex index,
        IReadOnlyList<TextRange>? words)
    {
        string where = $"span {item}";
        // TryGetInt32 throws on a value that is not a number, and TryGetProperty on an undecodable name.
        if (element.ValueKind != JsonValueKind.Object || JsonStrings.HasUndecodableName(element)
            || !element.TryGetProperty("start", out JsonElement start) || !TryGetOffset(start, out int startCp)
            || !element.TryGetProperty("end", out JsonElement end) || !TryGetOffset(end, out int endCp)
            || !element.TryGetProperty("label", out JsonElement label) || label.ValueKind != JsonValueKind.String)
        {
            Problem($"{where} must be an object with integer \"start\" and \"end\" and a string \"label\"");
            return null;
        }

        if (!JsonStrings.TryGetText(label, out string? type))
        {
            Problem($"the label of {where} {LoneSurrogate}");
            return null;
        }

        if (type.Length == 0 || type.Any(char.IsWhiteSpace) || type == BioTags.Outside)
        {
            Problem($"{where} has label \"{type}\"; a label must be non-empty, without whitespace, and not \"O\"");
            return null;
        }

        if (startCp < 0 || endCp <= startCp || endCp > index.CodePointCount)
        {
            Problem($"{where} [{startCp}, {endCp}) is out of range: offsets count code points, end exclusive, "
                + $"and the text has {index.CodePointCount}");
            return null;
        }

        var span = new EntitySpan(index.ToUtf16(startCp), index.ToUtf16(endCp), type);
        string mention = span.TextIn(text);
        if (mention.Trim().Length == 0 || char.IsWhiteSpace(mention[0]) || char.IsWhiteSpace(mention[^1]))
        {
            Problem($"{where} [{startCp}, {endCp}) \"{mention}\" starts or ends on whitespace; move its offsets "
                + "to the first and last character of the entity");
            return null;
        }

        if (words is not null && (!words.Any(w => w.Start == span.Start) || !words.Any(w => w.End == span.End)))
        {
            Problem($"{where} [{startCp}, {endCp}) \"{mention}\" is misaligned: it starts or ends inside a word; "
                + "move its offsets to word boundaries (whitespace, punctuation) or pass \"tokens\" that split there");
            return null;
        }

        return span;
    }

    private static bool TryGetOffset(JsonElement value, out int offset)
    {
        offset = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out offset);
    }

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }

    private static string Excerpt(string text, int position) =>
        text.Length - position <= 20 ? text[position..] : text.Substring(position, 20) + "...";
}
