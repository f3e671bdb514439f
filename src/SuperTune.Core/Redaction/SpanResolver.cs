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
        // Kept spans are disjoint and sorted by start, so their ends are sorted too: a candidate overlaps a kept
        // span only if it overlaps the last one that starts before the candidate ends. A binary search finds it,
        // which keeps texts with many matches linear-logarithmic instead of quadratic.
        var kept = new List<EntitySpan>();
        var starts = new List<int>();
        foreach (EntitySpan span in candidates.OrderBy(Priority).ThenByDescending(s => s.End - s.Start).ThenBy(s => s.Start))
        {
            if (span.End <= span.Start) continue;

            var index = starts.BinarySearch(span.End);
            var before = index >= 0 ? index - 1 : ~index - 1; // last kept span with start < span.End
            if (before >= 0 && kept[before].End > span.Start) continue;

            var insertAt = before + 1;
            kept.Insert(insertAt, span);
            starts.Insert(insertAt, span.Start);
        }

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
