using SuperTune.Core.Entities;
using SuperTune.Core.Redaction;
using Xunit.Abstractions;

namespace SuperTune.Core.Tests.Redaction;

/// <summary>
/// Recall on generated messages with planted personal data, and no detection on look-alike numbers that fail the
/// card or IBAN checksum.
/// </summary>
public sealed class PlantedDataTests(ITestOutputHelper output)
{
    private const int MessageCount = 2_000;

    private static readonly List<PlantedMessage> Messages = new PlantedDataGenerator(seed: 20_24).Generate(MessageCount);

    [Fact]
    public void CountsArePrinted()
    {
        var found = Messages.Select(m => SpanResolver.Resolve(PersonalDataDetector.FindAll(m.Text))).ToList();
        foreach (var kind in Messages.SelectMany(m => m.Planted).Select(p => p.Kind).Distinct().Order())
        {
            int planted = Messages.Sum(m => m.Planted.Count(p => p.Kind == kind));
            int recalled = Messages.Select((m, i) => m.Planted.Count(p => p.Kind == kind
                && found[i].Contains(new EntitySpan(p.Start, p.End, kind)))).Sum();
            output.WriteLine($"{kind}: {recalled} of {planted} found");
        }

        int lookAlikes = Messages.Sum(m => m.LookAlikes.Count);
        int flagged = Messages.Select((m, i) => m.LookAlikes.Count(l => found[i].Any(s => s.Start < l.End && l.Start < s.End))).Sum();
        output.WriteLine($"look-alikes: {flagged} of {lookAlikes} flagged, in {Messages.Count} messages");
        Assert.Equal(0, flagged);
    }

    [Fact]
    public void GeneratorPlantsEveryKind()
    {
        var kinds = Messages.SelectMany(m => m.Planted).Select(p => p.Kind).ToHashSet();

        Assert.Equal(6, kinds.Count);
        Assert.True(Messages.Sum(m => m.LookAlikes.Count) >= 500, "fewer than 500 look-alike numbers");
    }

    [Theory]
    [InlineData(PersonalDataKinds.Card)]
    [InlineData(PersonalDataKinds.Iban)]
    [InlineData(PersonalDataKinds.Email)]
    [InlineData(PersonalDataKinds.Phone)]
    [InlineData(PersonalDataKinds.Url)]
    [InlineData(PersonalDataKinds.IpAddress)]
    public void EveryPlantedValueIsFound(string kind)
    {
        var missed = new List<string>();
        int planted = 0;
        foreach (PlantedMessage message in Messages)
        {
            IReadOnlyList<EntitySpan> found = SpanResolver.Resolve(PersonalDataDetector.FindAll(message.Text));
            foreach (var (plantedKind, start, end) in message.Planted.Where(p => p.Kind == kind))
            {
                planted++;
                if (!found.Contains(new EntitySpan(start, end, kind)))
                {
                    missed.Add(message.Text[start..end]);
                }
            }
        }

        Assert.True(planted >= 300, $"only {planted} {kind} values planted");
        Assert.True(missed.Count == 0, $"{missed.Count} of {planted} {kind} missed, e.g. \"{missed.FirstOrDefault()}\"");
    }

    [Fact]
    public void LookAlikesAreNeverFlagged()
    {
        var flagged = new List<string>();
        foreach (PlantedMessage message in Messages)
        {
            IReadOnlyList<EntitySpan> found = SpanResolver.Resolve(PersonalDataDetector.FindAll(message.Text));
            foreach (var (start, end) in message.LookAlikes)
            {
                flagged.AddRange(found.Where(s => s.Start < end && start < s.End).Select(s => $"{s.Label}: {s.TextIn(message.Text)}"));
            }
        }

        Assert.True(flagged.Count == 0, $"{flagged.Count} look-alikes flagged, e.g. {flagged.FirstOrDefault()}");
    }

    [Fact]
    public void NothingElseIsFlagged()
    {
        var extra = new List<string>();
        foreach (PlantedMessage message in Messages)
        {
            var planted = message.Planted.Select(p => new EntitySpan(p.Start, p.End, p.Kind)).ToHashSet();
            extra.AddRange(SpanResolver.Resolve(PersonalDataDetector.FindAll(message.Text))
                .Where(s => !planted.Contains(s)).Select(s => $"{s.Label}: \"{s.TextIn(message.Text)}\""));
        }

        Assert.True(extra.Count == 0, $"{extra.Count} spans flagged that were not planted, e.g. {extra.FirstOrDefault()}");
    }
}
