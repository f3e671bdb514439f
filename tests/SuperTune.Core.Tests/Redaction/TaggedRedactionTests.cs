using SuperTune.Core.Entities;
using SuperTune.Core.Redaction;

namespace SuperTune.Core.Tests.Redaction;

public sealed class TaggedRedactionTests
{
    [Fact]
    public void SpansAndWordsMoveWithTheText()
    {
        TaggedDataset data = TaggedDataReader.Read(new StringReader(
            """{"text": "mail jane@example.com about Lisbon 😀 trip", "spans": [{"start": 28, "end": 34, "label": "city"}]}"""),
            "x.jsonl");

        TaggedExample example = TaggedExampleRedaction.Redact(data, new Redactor()).Examples[0];

        Assert.Equal("mail [EMAIL] about Lisbon 😀 trip", example.Text);
        Assert.Equal("Lisbon", Assert.Single(example.Spans).TextIn(example.Text));
        Assert.Equal(["mail", "[EMAIL]", "about", "Lisbon", "😀", "trip"], example.Tokens);
        Assert.Equal(["O", "O", "O", "B-city", "O", "O"], example.Tags);
    }

    [Fact]
    public void GoldEntityIsNotRedacted()
    {
        TaggedDataset data = TaggedDataReader.Read(new StringReader(
            """{"text": "reply to jane@example.com", "spans": [{"start": 9, "end": 25, "label": "email"}]}"""), "x.jsonl");

        TaggedExample example = TaggedExampleRedaction.Redact(data, new Redactor()).Examples[0];

        Assert.Equal("reply to jane@example.com", example.Text);
    }
}
