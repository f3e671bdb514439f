using SuperTune.Core.Entities;

namespace SuperTune.Core.Redaction;

/// <summary>Chooses non-overlapping spans from the matches of several detectors and a model.</summary>
public static class SpanResolver
{
    /// <summary>
    /// Returns spans without overlap, sorted by start. Where spans overlap, the one with the higher priority is kept
    /// (lower number first), then the longer one, then the earlier one. Checksum-validated kinds come before the
    /// other detectors, and the detectors before the model's entities.
    /// </summary>
    public static IReadOnlyList<EntitySpan> Resolve(IEnumerable<EntitySpan> candidates)
    {
        var kept = new List<EntitySpan>();
        foreach (EntitySpan span in candidates.OrderBy(Priority).ThenByDescending(s => s.End - s.Start).ThenBy(s => s.Start))
        {
            if (span.End > span.Start && !kept.Any(k => k.Start < span.End && span.Start < k.End))
            {
                kept.Add(span);
            }
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    private static int Priority(EntitySpan span) => span.Label switch
    {
        PersonalDataKinds.Card or PersonalDataKinds.Iban => 0,
        PersonalDataKinds.Email or PersonalDataKinds.Url => 1,
        PersonalDataKinds.IpAddress => 2,
        PersonalDataKinds.Phone => 3,
        _ => 4,
    };
}
