using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SuperTune.Core.Entities;
using SuperTune.Core.Tests.Data;
using Xunit.Abstractions;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>
/// Fuzz harnesses over <see cref="TaggedDataReader"/> and <see cref="BioTags"/>: every file gives examples whose
/// spans lie on words inside their text, or an error that names the file, and valid spans survive the trip
/// through BIO tags unchanged.
/// </summary>
public sealed class EntityDataFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Offsets = ["0", "1", "3", "-1", "9", "2147483648", "1e400", "1.5", "\"2\"", "null"];

    private static readonly Dictionary<string, string[]> Schema = new()
    {
        ["tokens"] = ["[\"to\", \"Lisbon\"]", "[\"😀\", \"東京\"]", "[\"e\u0301\", \"x\"]"],
        ["tags"] = ["[\"O\", \"B-city\"]", "[\"I-city\", \"O\"]", "[\"B-a\", \"I-b\"]", "[\"B-\", \"X\"]"],
        ["text"] = ["\"to Lisbon\"", "\"😀 東京\"", "\"e\u0301 x\""],
        ["spans"] =
        [
            "[{\"start\": 3, \"end\": 9, \"label\": \"city\"}]", "[{\"start\": 2, \"end\": 4, \"label\": \"x\"}]",
            "[{\"start\": 5, \"end\": 2, \"label\": \"x\"}]", "[{\"start\": -1, \"end\": 2, \"label\": \"x\"}]",
            "[{\"start\": 0, \"end\": 99999999999, \"label\": \"x\"}]",
            "[{\"start\": 0, \"end\": 2, \"label\": \"a\"}, {\"start\": 0, \"end\": 9, \"label\": \"b\"}]",
            "[{\"start\": 0, \"end\": 1, \"label\": \"O\"}]", "[]",
        ],
    };

    private static readonly string[] Tokens =
    [
        "Lisbon", "to", "😀", "👩‍👩‍👧", "東京", "e\u0301", "naïve", "ok.", "[CLS]", "שלום", "1e400", "\"q\"", "𝔘𝔫𝔦", "ø",
    ];

    private static readonly string[] Labels = ["city", "person", "x-y", "B-", "東", "I", "😀"];

    private static readonly string[] Separators = [" ", "  ", "\t", "\u3000", " \u00A0"];

    private readonly TempFolder _folder = new();
    private int _caseNumber;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RandomBytesReadOrFail()
    {
        FuzzHarness.Run("entity data, random bytes", HostileText.Bytes, ReadOrFail, 100, output);
    }

    [Fact]
    public void HostileObjectsReadOrFail()
    {
        Gen<string> cases = Gen.NonEmptyListOf(Gen.Frequency(
                (3, JsonCases.MutatedObject(Schema)),
                (2, HostileSpans)))
            .Select(lines => string.Join("\n", lines) + "\n");

        FuzzHarness.Run("entity data, hostile JSON objects", cases,
            text => ReadOrFail(Encoding.UTF8.GetBytes(text)), 200, output);
    }

    [Fact]
    public void SpansSurviveBioRoundTrip()
    {
        FuzzHarness.Run("entity data, spans to BIO round trip", ValidExample, AssertRoundTrip, 150, output);
    }

    private static Gen<string> Offset { get; } =
        Gen.Frequency((4, Gen.Choose(-2, 30).Select(i => i.ToString())), (1, Gen.Elements(Offsets)));

    // A hostile text with spans at random, often invalid, code point offsets, so that offsets past the end,
    // negative, reversed and overlapping ones and offsets inside surrogate pairs reach the span checks.
    private static Gen<string> HostileSpans { get; } =
        from text in HostileText.ValidUnicodeText
        from spans in Gen.ListOf(
            from start in Offset
            from end in Offset
            from label in Gen.Frequency(
                (3, Gen.Elements(Labels).Select(l => System.Text.Json.JsonSerializer.Serialize(l))),
                (1, JsonCases.HostileValue))
            select $"{{\"start\": {start}, \"end\": {end}, \"label\": {label}}}")
        select $"{{\"text\": {System.Text.Json.JsonSerializer.Serialize(text)}, \"spans\": [{string.Join(", ", spans)}]}}";

    // Tokens joined by whitespace and spans over whole tokens, without overlap.
    private static Gen<(string[] Tokens, string[] Separators, (int First, int Last, string Label)[] Spans)> ValidExample
    { get; } =
        from tokens in Gen.NonEmptyListOf(Gen.Elements(Tokens)).Select(t => t.Take(12).ToArray())
        from separators in Gen.ArrayOf(Gen.Elements(Separators), tokens.Length)
        from marks in Gen.ArrayOf(
            from start in Gen.Choose(0, 2)
            from length in Gen.Choose(1, 3)
            from label in Gen.Elements(Labels)
            select (Start: start == 0, Length: length, Label: label), tokens.Length)
        select (tokens, separators, PlaceSpans(marks));

    private static (int First, int Last, string Label)[] PlaceSpans((bool Start, int Length, string Label)[] marks)
    {
        var spans = new List<(int First, int Last, string Label)>();
        for (int i = 0; i < marks.Length; i++)
        {
            if (marks[i].Start)
            {
                int last = Math.Min(marks.Length - 1, i + marks[i].Length - 1);
                spans.Add((i, last, marks[i].Label));
                i = last;
            }
        }

        return [.. spans];
    }

    private void AssertRoundTrip((string[] Tokens, string[] Separators, (int First, int Last, string Label)[] Spans) c)
    {
        var text = new StringBuilder();
        var starts = new int[c.Tokens.Length];
        for (int i = 0; i < c.Tokens.Length; i++)
        {
            text.Append(i == 0 ? "" : c.Separators[i]);
            starts[i] = text.Length;
            text.Append(c.Tokens[i]);
        }

        string joined = text.ToString();
        var index = new CodePointIndex(joined);
        EntitySpan[] expected =
        [
            .. c.Spans.Select(s => new EntitySpan(starts[s.First], starts[s.Last] + c.Tokens[s.Last].Length, s.Label)),
        ];
        string spansJson = string.Join(", ", expected.Select(s => $"{{\"start\": {index.ToCodePoint(s.Start)}, "
            + $"\"end\": {index.ToCodePoint(s.End)}, \"label\": {Json(s.Label)}}}"));
        string tokensJson = "[" + string.Join(", ", c.Tokens.Select(Json)) + "]";
        string spansLine = $"{{\"text\": {Json(joined)}, \"tokens\": {tokensJson}, \"spans\": [{spansJson}]}}";

        TaggedExample fromSpans = ReadSingle(spansLine);
        Assert.Equal(expected, fromSpans.Spans);
        Assert.Equal(expected, BioTags.ToSpans(fromSpans.Words, fromSpans.Tags));

        // The same example written as tokens and tags, with and without the text, gives the same spans.
        string tagsJson = "[" + string.Join(", ", fromSpans.Tags.Select(Json)) + "]";
        TaggedExample fromTags = ReadSingle($"{{\"tokens\": {tokensJson}, \"tags\": {tagsJson}, \"text\": {Json(joined)}}}");
        Assert.Equal(expected, fromTags.Spans);
        TaggedExample joinedTokens = ReadSingle($"{{\"tokens\": {tokensJson}, \"tags\": {tagsJson}}}");
        Assert.Equal(fromSpans.Tags, joinedTokens.Tags);
        Assert.Equal(c.Spans.Length, joinedTokens.Spans.Count);
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static TaggedExample ReadSingle(string line) =>
        Assert.Single(TaggedDataReader.Read(new StringReader(line), "case.jsonl").Examples);

    private void ReadOrFail(byte[] content)
    {
        string path = _folder.WriteBytes($"entities-{Interlocked.Increment(ref _caseNumber)}.jsonl", content);
        ReaderOutcome.ReadOrFail(path, () =>
        {
            TaggedDataset dataset = TaggedDataReader.Read(path);
            Assert.NotEmpty(dataset.Examples);
            Assert.All(dataset.Examples, AssertConsistent);
        });
    }

    // Spans inside the text, sorted, without overlap, on word boundaries, and decoded again from their tags.
    private static void AssertConsistent(TaggedExample example)
    {
        int previousEnd = 0;
        foreach (EntitySpan span in example.Spans)
        {
            Assert.InRange(span.Start, previousEnd, span.End - 1);
            Assert.True(span.End <= example.Text.Length, $"Span {span} past the end of a text of {example.Text.Length}");
            Assert.Contains(example.Words, word => word.Start == span.Start);
            Assert.Contains(example.Words, word => word.End == span.End);
            previousEnd = span.End;
        }

        Assert.Equal(example.Words.Count, example.Tags.Count);
        Assert.Equal(example.Spans, BioTags.ToSpans(example.Words, example.Tags));
    }
}
