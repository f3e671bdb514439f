namespace SuperTune.Core.Retrieval;

/// <summary>The entries of one knowledge-base file and a fingerprint of the file's bytes.</summary>
/// <param name="Path">The file, as given.</param>
/// <param name="Entries">Entries in file order.</param>
/// <param name="ContentHash">Hex SHA-256 of the file's bytes, to tell when the file changed.</param>
public sealed record KnowledgeBase(string Path, IReadOnlyList<KnowledgeBaseEntry> Entries, string ContentHash)
{
    /// <summary>Distinct answer keys (groups or answer texts) in order of first appearance.</summary>
    public IReadOnlyList<string> AnswerKeys() => Entries.Select(e => e.AnswerKey).Distinct(StringComparer.Ordinal).ToList();
}
