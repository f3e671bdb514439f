using System.Text;
using System.Text.Json;
using SuperTune.Core.Data;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Entities;

/// <summary>
/// Reads entity data from JSON Lines in either of two formats, one object per line:
/// <c>{"tokens": [...], "tags": [...]}</c> with IOB2 tags (and optionally the <c>text</c> the tokens came
/// from), or <c>{"text": "...", "spans": [{"start": 0, "end": 4, "label": "city"}]}</c> with offsets in
/// Unicode code points, end exclusive (optionally with <c>tokens</c> that fix the words).
/// </summary>
public static class TaggedDataReader
{
    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>Reads every example of the file, streaming, and reports all problems at once.</summary>
    /// <exception cref="SuperTuneException">The file does not exist or cannot be read.</exception>
    /// <exception cref="DataException">
    /// A line is invalid. The message gives file:line of the first problem and the hint lists the others:
    /// misaligned or overlapping spans, spans on whitespace, tags that break BIO, and malformed fields.
    /// </exception>
    public static TaggedDataset Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new SuperTuneException($"Data file not found: {path}",
                $"Check the path. A relative path starts from the current folder, {Environment.CurrentDirectory}.");
        }

        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".csv" or ".tsv" or ".txt")
        {
            throw new SuperTuneException($"{path}: entity data must be JSON Lines, but the file is {extension[1..].ToUpperInvariant()}.",
                "Write one JSON object per line with \"tokens\" and \"tags\", or \"text\" and \"spans\", in a .jsonl file.");
        }

        try
        {
            using var reader = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: false);
            return Read(reader, path);
        }
        catch (DecoderFallbackException error)
        {
            throw new SuperTuneException($"{path} is not valid UTF-8.", "Re-save the file as UTF-8.", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new SuperTuneException($"Cannot read data file {path}: {error.Message}", null, error);
        }
    }

    /// <summary>Reads every example from <paramref name="reader"/>; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="DataException">A line is invalid, as for <see cref="Read(string)"/>.</exception>
    public static TaggedDataset Read(TextReader reader, string file)
    {
        var problems = new TaggedDataProblems(file);
        var examples = new List<TaggedExample>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            int before = problems.Count;
            TaggedExample? example = ParseLine(line, lineNumber, file, problems);
            if (example is not null && problems.Count == before)
            {
                examples.Add(example);
            }
        }

        problems.ThrowIfAny();
        if (examples.Count == 0)
        {
            throw new DataException(file, 1, null, "the file has no examples",
                "Write one JSON object per line, for example {\"tokens\": [\"to\", \"Lisbon\"], "
                + "\"tags\": [\"O\", \"B-city\"]}.");
        }

        return new TaggedDataset(file, examples);
    }

    private static TaggedExample? ParseLine(string line, int lineNumber, string file, TaggedDataProblems problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException error)
        {
            problems.Add(lineNumber, DataErrors.InvalidJson(file, lineNumber, error, false).Problem);
            return null;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(lineNumber, DataErrors.NotAnObject(file, lineNumber, root.ValueKind).Problem);
                return null;
            }

            // TryGetProperty throws on a property name whose escapes decode to a lone surrogate.
            if (JsonStrings.HasUndecodableName(root))
            {
                problems.Add(lineNumber, DataErrors.LoneSurrogate(file, lineNumber, "a field name").Problem);
                return null;
            }

            var fields = new TaggedLineFields(root, lineNumber, problems);
            bool hasTags = root.TryGetProperty("tags", out _);
            bool hasSpans = root.TryGetProperty("spans", out _);
            if (hasTags && hasSpans)
            {
                problems.Add(lineNumber, "the object has both \"tags\" and \"spans\"; keep one of the two");
                return null;
            }

            if (hasTags)
            {
                return TokensAndTags(fields, lineNumber);
            }

            if (hasSpans)
            {
                return TextAndSpans(fields, lineNumber);
            }

            problems.Add(lineNumber, "the object has neither \"tags\" nor \"spans\"; write \"tokens\" with "
                + "\"tags\", or \"text\" with \"spans\"");
            return null;
        }
    }

    private static TaggedExample? TokensAndTags(TaggedLineFields fields, int lineNumber)
    {
        string[]? tokens = fields.StringArray("tokens", required: true);
        string[]? tags = fields.StringArray("tags", required: true);
        string? text = fields.OptionalText();
        if (tokens is null || tags is null)
        {
            return null;
        }

        if (tokens.Length != tags.Length)
        {
            fields.Problem($"\"tokens\" has {tokens.Length} items but \"tags\" has {tags.Length}; give one tag per token");
            return null;
        }

        IReadOnlyList<TextRange>? words = text is null ? JoinTokens(tokens, fields, out text) : fields.Align(tokens, text);
        bool valid = words is not null;
        for (int i = 0; i < tags.Length; i++)
        {
            string? problem = BioTags.FindProblem(tags[i], i == 0 ? null : tags[i - 1], i);
            if (problem is not null)
            {
                fields.Problem(problem);
                valid = false;
            }
        }

        return valid ? new TaggedExample(text, words!, BioTags.ToSpans(words!, tags), lineNumber) : null;
    }

    private static TaggedExample? TextAndSpans(TaggedLineFields fields, int lineNumber)
    {
        string? text = fields.RequiredText();
        string[]? tokens = fields.StringArray("tokens", required: false);
        if (text is null)
        {
            return null;
        }

        IReadOnlyList<TextRange>? words = tokens is null ? WordSplitter.Split(text) : fields.Align(tokens, text);
        IReadOnlyList<EntitySpan>? spans = fields.Spans(text, words);
        return words is null || spans is null ? null : new TaggedExample(text, words, spans, lineNumber);
    }

    // Without a text, the tokens are joined with single spaces, so a token must be non-empty and contain no
    // whitespace for the words to be found again.
    private static TextRange[]? JoinTokens(string[] tokens, TaggedLineFields fields, out string text)
    {
        var words = new TextRange[tokens.Length];
        var builder = new StringBuilder();
        bool valid = true;
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Length == 0 || tokens[i].Any(char.IsWhiteSpace))
            {
                fields.Problem($"token {i} \"{tokens[i]}\" is empty or contains whitespace; split it into tokens "
                    + "or add the \"text\" field that the tokens come from");
                valid = false;
            }

            if (i > 0)
            {
                builder.Append(' ');
            }

            words[i] = new TextRange(builder.Length, builder.Length + tokens[i].Length);
            builder.Append(tokens[i]);
        }

        text = builder.ToString();
        return valid ? words : null;
    }
}
