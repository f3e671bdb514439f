namespace SuperTune.Core.Entities;

/// <summary>The examples of one entity data file.</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Examples">The examples in file order.</param>
public sealed record TaggedDataset(string Path, IReadOnlyList<TaggedExample> Examples)
{
    /// <summary>Entity types that occur in the file, sorted ordinally.</summary>
    public IReadOnlyList<string> EntityTypes =>
        [.. Examples.SelectMany(e => e.Spans).Select(s => s.Label).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Number of entity spans.</summary>
    public int SpanCount => Examples.Sum(e => e.Spans.Count);
}
