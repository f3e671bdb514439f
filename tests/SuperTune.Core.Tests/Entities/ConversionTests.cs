using SuperTune.Core.Entities;

namespace SuperTune.Core.Tests.Entities;

/// <summary>Spans and BIO tags convert to each other through the two JSON Lines formats without loss.</summary>
public sealed class ConversionTests
{
    public static TheoryData<string> SpanLines => new()
    {
        """{"text":"book a table for 4 at 7pm in Lisbon","spans":[{"start":17,"end":18,"label":"party_size"},{"start":22,"end":25,"label":"time"},{"start":29,"end":35,"label":"city"}]}""",
        """{"text":"I ❤️ 🍕 in 東京 with 👨‍👩‍👧 José","spans":[{"start":5,"end":6,"label":"food"},{"start":10,"end":12,"label":"city"},{"start":18,"end":23,"label":"family"},{"start":24,"end":28,"label":"person"}]}""",
        """{"text":"Cafe\u0301   Nero\t\tat  noon","spans":[{"start":0,"end":12,"label":"poi"},{"start":18,"end":22,"label":"time"}]}""",
        """{"text":"no entities here","spans":[]}""",
    };

    public static TheoryData<string> TagLines => new()
    {
        """{"tokens":["play","Lewis","'s","song"],"tags":["O","B-artist","O","O"]}""",
        """{"text":"rate  this 😀 book 5/6","tokens":["rate","this","😀","book","5/6"],"tags":["O","B-object_select","O","B-object_type","B-rating_value"]}""",
        """{"tokens":["New","York","New","York"],"tags":["B-city","I-city","B-city","I-city"]}""",
    };

    [Theory]
    [MemberData(nameof(SpanLines))]
    public void SpansSurviveTagsAndBack(string line)
    {
        TaggedExample original = ReadOne(line);

        TaggedExample viaTags = ReadOne(Write(TaggedDataWriter.WriteTags, original));
        TaggedExample back = ReadOne(Write(TaggedDataWriter.WriteSpans, viaTags));

        Assert.Equal(original.Text, viaTags.Text);
        Assert.Equal(original.Spans, viaTags.Spans);
        Assert.Equal(original.Words, back.Words);
        Assert.Equal(original.Spans, back.Spans);
        Assert.Equal(original.Text, back.Text);
    }

    [Theory]
    [MemberData(nameof(TagLines))]
    public void TagsSurviveSpansAndBack(string line)
    {
        TaggedExample original = ReadOne(line);

        TaggedExample viaSpans = ReadOne(Write(TaggedDataWriter.WriteSpans, original));
        TaggedExample back = ReadOne(Write(TaggedDataWriter.WriteTags, viaSpans));

        Assert.Equal(original.Tokens, viaSpans.Tokens);
        Assert.Equal(original.Tags, viaSpans.Tags);
        Assert.Equal(original.Text, back.Text);
        Assert.Equal(original.Tokens, back.Tokens);
        Assert.Equal(original.Tags, back.Tags);
    }

    [Fact]
    public void SpansFileHasCodePointOffsets()
    {
        TaggedExample example = ReadOne("""{"tokens":["😀","Lisbon"],"tags":["O","B-city"]}""");

        string line = Write(TaggedDataWriter.WriteSpans, example);

        using var json = System.Text.Json.JsonDocument.Parse(line);
        System.Text.Json.JsonElement span = json.RootElement.GetProperty("spans")[0];
        Assert.Equal("😀 Lisbon", json.RootElement.GetProperty("text").GetString());
        Assert.Equal(2, span.GetProperty("start").GetInt32());
        Assert.Equal(8, span.GetProperty("end").GetInt32());
    }

    [Fact]
    public void TokensAreKeptWhenSplittingWouldDiffer()
    {
        TaggedExample example = ReadOne("""{"tokens":["Lewis","'s"],"tags":["B-artist","O"]}""");

        string line = Write(TaggedDataWriter.WriteSpans, example);

        Assert.Contains("\"tokens\":[\"Lewis\",\"'s\"]", line);
    }

    private static TaggedExample ReadOne(string line) =>
        Assert.Single(TaggedDataReader.Read(new StringReader(line), "line.jsonl").Examples);

    private static string Write(Action<TextWriter, TaggedExample> write, TaggedExample example)
    {
        using var output = new StringWriter();
        write(output, example);
        return output.ToString().TrimEnd('\n');
    }
}
