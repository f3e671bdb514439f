using SuperTune.Core.Entities;
using SuperTune.Core.Redaction;

namespace SuperTune.Core.Tests.Redaction;

public class SpanResolverTests
{
    private static readonly string[] Labels =
    [
        PersonalDataKinds.Card, PersonalDataKinds.Email, PersonalDataKinds.IpAddress, PersonalDataKinds.Phone, "artist",
    ];

    [Fact]
    public void ResolverMatchesPairwiseRule()
    {
        var random = new Random(17);
        for (var round = 0; round < 200; round++)
        {
            var candidates = Enumerable.Range(0, random.Next(0, 40))
                .Select(_ =>
                {
                    var start = random.Next(0, 100);
                    return new EntitySpan(start, start + random.Next(0, 12), Labels[random.Next(Labels.Length)]);
                })
                .ToList();

            Assert.Equal(PairwiseResolve(candidates), SpanResolver.Resolve(candidates));
        }
    }

    [Fact]
    public void ManyAdjacentMatchesAreAllKept()
    {
        // 200,000 back-to-back matches, as one huge line of e-mail addresses gives; a pairwise check would need
        // 2 x 10^10 comparisons here.
        var candidates = Enumerable.Range(0, 200_000)
            .Select(i => new EntitySpan(i * 10, i * 10 + 10, PersonalDataKinds.Email))
            .Reverse()
            .ToList();

        var kept = SpanResolver.Resolve(candidates);

        Assert.Equal(200_000, kept.Count);
        Assert.Equal(0, kept[0].Start);
    }

    /// <summary>The rule stated on <see cref="SpanResolver.Resolve"/>, checked against every kept span.</summary>
    private static List<EntitySpan> PairwiseResolve(IEnumerable<EntitySpan> candidates)
    {
        int Priority(EntitySpan span) => span.Label switch
        {
            PersonalDataKinds.Card or PersonalDataKinds.Iban => 0,
            PersonalDataKinds.Email or PersonalDataKinds.Url => 1,
            PersonalDataKinds.IpAddress => 2,
            PersonalDataKinds.Phone => 3,
            _ => 4,
        };

        var kept = new List<EntitySpan>();
        foreach (var span in candidates.OrderBy(Priority).ThenByDescending(s => s.End - s.Start).ThenBy(s => s.Start))
        {
            if (span.End > span.Start && !kept.Any(k => k.Start < span.End && span.Start < k.End)) kept.Add(span);
        }

        return [.. kept.OrderBy(s => s.Start)];
    }
}
