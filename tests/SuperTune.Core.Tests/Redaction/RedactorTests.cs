using SuperTune.Core.Predictions;
using SuperTune.Core.Redaction;

namespace SuperTune.Core.Tests.Redaction;

public sealed class RedactorTests
{
    [Fact]
    public void PlaceholdersNameTheKind()
    {
        RedactionResult result = new Redactor().Redact("Mail jane@example.com, card 4111 1111 1111 1111 👍");

        Assert.Equal("Mail [EMAIL], card [CARD] 👍", result.Text);
        Assert.Equal(["EMAIL", "CARD"], result.Entities.Select(e => e.Label));
    }

    [Fact]
    public void PseudonymsRepeatForTheSameValue()
    {
        RedactionResult result = new Redactor(RedactionMode.Pseudonym)
            .Redact("a@example.com wrote to b@example.com, then a@example.com again");

        Assert.Equal("[EMAIL_1] wrote to [EMAIL_2], then [EMAIL_1] again", result.Text);
    }

    [Fact]
    public void PseudonymsRestartPerDocument()
    {
        IReadOnlyList<RedactionResult> results = new Redactor(RedactionMode.Pseudonym)
            .RedactBatch(["x b@example.com", "y c@example.com"]);

        Assert.Equal("x [EMAIL_1]", results[0].Text);
        Assert.Equal("y [EMAIL_1]", results[1].Text);
    }

    [Fact]
    public void ModelEntitiesAreRedactedWithTheirScore()
    {
        const string text = "😀 José called from +44 20 7946 0958";
        PredictedEntity person = new()
        {
            Label = "person", Text = "José", Start = 3, End = 7, CodePointStart = 2, CodePointEnd = 6, Score = 0.9,
        };
        var redactor = new Redactor(tagger: texts => [.. texts.Select(_ => (IReadOnlyList<PredictedEntity>)[person])]);

        RedactionResult result = redactor.Redact(text);

        Assert.Equal("😀 [PERSON] called from [PHONE]", result.Text);
        Assert.Equal(0.9, result.Entities[0].Score);
        Assert.Equal(2, result.Entities[0].CodePointStart);
    }

    [Fact]
    public void TextWithoutPersonalDataIsUnchanged()
    {
        const string text = "Where is order 123456789? It was due 2024-03-15.";

        RedactionResult result = new Redactor().Redact(text);

        Assert.Equal(text, result.Text);
        Assert.Empty(result.Entities);
    }
}
