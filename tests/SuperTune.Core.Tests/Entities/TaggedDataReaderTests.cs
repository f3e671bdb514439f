using SuperTune.Core.Data;
using SuperTune.Core.Entities;

namespace SuperTune.Core.Tests.Entities;

public sealed class TaggedDataReaderTests
{
    private static TaggedDataset ReadLines(params string[] lines) =>
        TaggedDataReader.Read(new StringReader(string.Join("\n", lines)), "slots.jsonl");

    private static DataException ReadInvalid(params string[] lines) =>
        Assert.Throws<DataException>(() => ReadLines(lines));

    [Fact]
    public void TokensAndTagsGiveSpans()
    {
        TaggedDataset data = ReadLines(
            """{"tokens": ["fly", "to", "New", "York", "now"], "tags": ["O", "O", "B-city", "I-city", "B-time"]}""");

        TaggedExample example = Assert.Single(data.Examples);
        Assert.Equal("fly to New York now", example.Text);
        Assert.Equal([new EntitySpan(7, 15, "city"), new EntitySpan(16, 19, "time")], example.Spans);
        Assert.Equal(1, example.Line);
    }

    [Fact]
    public void TokensAlignToGivenText()
    {
        TaggedDataset data = ReadLines(
            """{"text": "play  Lewis's song", "tokens": ["play", "Lewis", "'s", "song"], "tags": ["O", "B-artist", "O", "O"]}""");

        TaggedExample example = Assert.Single(data.Examples);
        Assert.Equal("play  Lewis's song", example.Text);
        Assert.Equal("Lewis", Assert.Single(example.Spans).TextIn(example.Text));
    }

    [Fact]
    public void SpanOffsetsCountCodePoints()
    {
        // 😀 is one code point and two UTF-16 units, so code point 2 is UTF-16 offset 3.
        TaggedDataset data = ReadLines("""{"text": "😀 Lisbon", "spans": [{"start": 2, "end": 8, "label": "city"}]}""");

        EntitySpan span = Assert.Single(Assert.Single(data.Examples).Spans);
        Assert.Equal(new EntitySpan(3, 9, "city"), span);
        Assert.Equal("Lisbon", span.TextIn("😀 Lisbon"));
    }

    [Fact]
    public void BrokenBioIsReportedWithLine()
    {
        DataException error = ReadInvalid(
            """{"tokens": ["a"], "tags": ["O"]}""",
            """{"tokens": ["to", "York"], "tags": ["O", "I-city"]}""");

        Assert.Equal(2, error.Line);
        Assert.Contains("tag 1 \"I-city\" after \"O\" breaks BIO", error.Message);
        Assert.StartsWith("slots.jsonl:2: ", error.Message);
    }

    [Fact]
    public void TypeChangeInsideEntityBreaksBio()
    {
        DataException error = ReadInvalid("""{"tokens": ["New", "York"], "tags": ["B-city", "I-state"]}""");

        Assert.Contains("I-state must follow B-state or I-state", error.Message);
    }

    [Fact]
    public void UnknownTagIsReported()
    {
        DataException error = ReadInvalid("""{"tokens": ["York"], "tags": ["city"]}""");

        Assert.Contains("\"city\" is not a BIO tag", error.Message);
    }

    [Fact]
    public void MisalignedTokenIsReported()
    {
        DataException error = ReadInvalid(
            """{"text": "fly to York", "tokens": ["fly", "ti", "York"], "tags": ["O", "O", "B-city"]}""");

        Assert.Contains("token 1 \"ti\" is misaligned", error.Message);
        Assert.Contains("at code point 4", error.Message);
    }

    [Fact]
    public void SpanInsideWordIsMisaligned()
    {
        DataException error = ReadInvalid("""{"text": "Lisbon2026", "spans": [{"start": 0, "end": 6, "label": "city"}]}""");

        Assert.Contains("span 0 [0, 6) \"Lisbon\" is misaligned", error.Message);
    }

    [Fact]
    public void SpanThatCutsCombiningAccentIsMisaligned()
    {
        // "Cafe" + U+0301: ending at code point 4 leaves the accent outside the span.
        DataException error = ReadInvalid("""{"text": "Cafe\u0301 Nero", "spans": [{"start": 0, "end": 4, "label": "poi"}]}""");

        Assert.Contains("is misaligned", error.Message);
    }

    [Fact]
    public void OverlappingSpansAreReported()
    {
        DataException error = ReadInvalid(
            """{"text": "New York City", "spans": [{"start": 0, "end": 8, "label": "city"}, {"start": 4, "end": 13, "label": "city"}]}""");

        Assert.Contains("spans 0 \"New York\" and 1 \"York City\" overlap", error.Message);
    }

    [Fact]
    public void SpanWithWhitespaceEdgeIsReported()
    {
        DataException error = ReadInvalid("""{"text": "to  York", "spans": [{"start": 2, "end": 8, "label": "city"}]}""");

        Assert.Contains("starts or ends on whitespace", error.Message);
    }

    [Fact]
    public void WhitespaceOnlySpanIsReported()
    {
        DataException error = ReadInvalid("""{"text": "to  York", "spans": [{"start": 2, "end": 4, "label": "city"}]}""");

        Assert.Contains("starts or ends on whitespace", error.Message);
    }

    [Fact]
    public void SpanPastEndIsReported()
    {
        DataException error = ReadInvalid("""{"text": "York", "spans": [{"start": 0, "end": 5, "label": "city"}]}""");

        Assert.Contains("out of range", error.Message);
        Assert.Contains("the text has 4", error.Message);
    }

    [Fact]
    public void EveryProblemIsListed()
    {
        DataException error = ReadInvalid(
            """{"tokens": ["to", "York"], "tags": ["O", "I-city"]}""",
            """not json""",
            """{"text": "York", "spans": [{"start": 0, "end": 9, "label": "city"}]}""",
            """{"text": "York", "tags": ["O"], "spans": []}""",
            """{"text": "York"}""",
            """{"tokens": ["a", "b"], "tags": ["O"]}""");

        Assert.Equal(1, error.Line);
        Assert.Contains("(5 more problems follow)", error.Message);
        Assert.Contains("slots.jsonl:2: invalid JSON", error.Hint);
        Assert.Contains("slots.jsonl:3: span 0", error.Hint);
        Assert.Contains("slots.jsonl:4: the object has both", error.Hint);
        Assert.Contains("slots.jsonl:5: the object has neither", error.Hint);
        Assert.Contains("slots.jsonl:6: \"tokens\" has 2 items but \"tags\" has 1", error.Hint);
    }

    [Fact]
    public void TokenWithSpaceNeedsText()
    {
        DataException error = ReadInvalid("""{"tokens": ["New York"], "tags": ["B-city"]}""");

        Assert.Contains("contains whitespace", error.Message);
    }

    [Fact]
    public void BlankLinesAreSkippedAndLinesCounted()
    {
        TaggedDataset data = ReadLines("", """{"text": "to York", "spans": []}""", "  ");

        Assert.Equal(2, Assert.Single(data.Examples).Line);
        Assert.Equal(["to", "York"], data.Examples[0].Tokens);
    }

    // Found by EntityDataFuzzTests: TryGetInt32 threw InvalidOperationException on an offset that is not a number.
    [Theory]
    [InlineData("""{"text": "to Lisbon", "spans": [{"start": null, "end": 9, "label": "city"}]}""")]
    [InlineData("""{"text": "to Lisbon", "spans": [{"start": 3, "end": "9", "label": "city"}]}""")]
    [InlineData("""{"text": "to Lisbon", "spans": [{"start": 3, "end": [9], "label": "city"}]}""")]
    public void NonNumericSpanOffsetIsReported(string line)
    {
        DataException error = ReadInvalid(line);

        Assert.StartsWith("slots.jsonl:1: span 0 must be an object with integer", error.Message);
    }

    // Found by EntityDataFuzzTests: decoding an escaped lone surrogate threw InvalidOperationException.
    [Theory]
    [InlineData("""{"text": "to \ud800", "spans": []}""", "field \"text\" contains an escaped lone surrogate")]
    [InlineData("""{"tokens": ["to", "\udc00"], "tags": ["O", "O"]}""", "item 1 of field \"tokens\" contains")]
    [InlineData("""{"tokens": ["to"], "tags": ["B-\ud800"]}""", "item 0 of field \"tags\" contains")]
    [InlineData("""{"text": "to Lisbon", "spans": [{"start": 3, "end": 9, "label": "\ud800"}]}""", "the label of span 0")]
    [InlineData("""{"text": "to Lisbon", "spans": [{"start": 3, "end": 9, "\ud800": 1}]}""", "span 0 must be")]
    [InlineData("""{"\ud800": 1, "tokens": ["to"], "tags": ["O"]}""", "a field name contains")]
    public void EscapedLoneSurrogateIsReported(string line, string problem)
    {
        DataException error = ReadInvalid(line);

        Assert.StartsWith("slots.jsonl:1: ", error.Message);
        Assert.Contains(problem, error.Message);
    }
}
