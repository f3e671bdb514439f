using System.Diagnostics;

namespace SuperTune.Core.Retrieval;

/// <summary>
/// A knowledge base with one embedding per entry, searchable by message. Results are ranked by cosine and
/// reduced to one candidate per answer key (group or answer text), so the runner-up is a different answer.
/// </summary>
public sealed class KnowledgeBaseIndex
{
    private readonly Dictionary<string, KnowledgeBaseEntry> entries = new(StringComparer.Ordinal);
    private readonly ISentenceEmbedder embedder;
    private readonly VectorIndex vectors;

    private KnowledgeBaseIndex(ISentenceEmbedder embedder, string matchField, int capacity)
    {
        this.embedder = embedder;
        MatchField = matchField;
        vectors = new VectorIndex(embedder.Dimension, capacity);
    }

    /// <summary>"question" or "answer": the entry text that messages are compared with.</summary>
    public string MatchField { get; }

    /// <summary>Number of entries.</summary>
    public int Count => entries.Count;

    /// <summary>The entries currently in the index.</summary>
    public IEnumerable<KnowledgeBaseEntry> Entries => entries.Values;

    /// <summary>
    /// Embeds the entries of <paramref name="knowledgeBase"/>, reusing the vectors cached in
    /// <paramref name="cacheFolder"/> (when given) for texts embedded before by the same model, and writes the
    /// cache back when anything changed. A cache that cannot be written is skipped.
    /// </summary>
    public static (KnowledgeBaseIndex Index, IndexBuildStats Stats) Build(KnowledgeBase knowledgeBase,
        ISentenceEmbedder embedder, string matchField, string? cacheFolder)
    {
        Retrieval.MatchField.Require(matchField, "index");
        var clock = Stopwatch.StartNew();
        var cachePath = cacheFolder is null ? null : EmbeddingCache.PathFor(cacheFolder, knowledgeBase.Path, matchField);
        var cache = cachePath is null ? null : EmbeddingCache.TryLoad(cachePath);
        var usable = cache is not null && cache.Fingerprint == embedder.Fingerprint && cache.Dimension == embedder.Dimension;

        // Texts whose vectors the cache lacks are embedded in one batch call.
        var texts = knowledgeBase.Entries.Select(e => Retrieval.MatchField.TextOf(e, matchField)).ToList();
        var keys = texts.Select(EmbeddingCache.HashText).ToList();
        var known = usable ? cache!.VectorsByTextHash : new Dictionary<string, float[]>();
        var missing = Enumerable.Range(0, texts.Count).Where(i => !known.ContainsKey(keys[i]))
            .Select(i => keys[i]).Distinct(StringComparer.Ordinal).ToList();
        var textByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++) textByKey[keys[i]] = texts[i];
        var computed = embedder.Embed(missing.Select(k => textByKey[k]).ToList());

        var vectorsByKey = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < missing.Count; i++) vectorsByKey[missing[i]] = computed[i];
        foreach (var key in keys) if (!vectorsByKey.ContainsKey(key)) vectorsByKey[key] = known[key];

        var index = new KnowledgeBaseIndex(embedder, matchField, knowledgeBase.Entries.Count);
        for (var i = 0; i < knowledgeBase.Entries.Count; i++) index.Insert(knowledgeBase.Entries[i], vectorsByKey[keys[i]]);

        var written = false;
        var stale = !usable || cache!.ContentHash != knowledgeBase.ContentHash || missing.Count > 0;
        if (cachePath is not null && stale) written = TrySave(cachePath, embedder, knowledgeBase.ContentHash, vectorsByKey);
        var missingSet = missing.ToHashSet(StringComparer.Ordinal);
        var reused = keys.Count(k => !missingSet.Contains(k));
        return (index, new IndexBuildStats(reused, missing.Count, written, clock.Elapsed.TotalSeconds));
    }

    /// <summary>Embeds and adds one entry, or replaces the entry with the same id; other vectors stay as they are.</summary>
    public void Add(KnowledgeBaseEntry entry) =>
        Insert(entry, embedder.Embed([Retrieval.MatchField.TextOf(entry, MatchField)])[0]);

    /// <summary>Removes the entry with <paramref name="id"/>; returns false when there is none.</summary>
    public bool Remove(string id) => entries.Remove(id) && vectors.Remove(id);

    /// <summary>Embeds <paramref name="message"/> and returns the best <paramref name="k"/> distinct answers.</summary>
    public IReadOnlyList<RetrievalCandidate> Search(string message, int k) => Search(embedder.Embed([message])[0], k);

    /// <summary>Returns the best <paramref name="k"/> distinct answers for an already embedded message.</summary>
    public IReadOnlyList<RetrievalCandidate> Search(ReadOnlySpan<float> query, int k)
    {
        var scores = vectors.ScoreAll(query);
        var candidates = new List<RetrievalCandidate>(k);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Widen the top-rows window until k distinct answers are found or every row was looked at.
        for (var window = Math.Min(scores.Length, k * 8); candidates.Count < k; window = Math.Min(scores.Length, window * 4))
        {
            candidates.Clear();
            seen.Clear();
            foreach (var row in VectorIndex.TopRows(scores, window))
            {
                var entry = entries[vectors.IdAt(row)];
                if (seen.Add(entry.AnswerKey)) candidates.Add(new RetrievalCandidate(entry, scores[row]));
                if (candidates.Count == k) break;
            }

            if (window >= scores.Length) break;
        }

        return candidates;
    }

    private void Insert(KnowledgeBaseEntry entry, float[] vector)
    {
        entries[entry.Id] = entry;
        vectors.Add(entry.Id, vector);
    }

    private static bool TrySave(string path, ISentenceEmbedder embedder, string contentHash,
        Dictionary<string, float[]> vectorsByKey)
    {
        try
        {
            EmbeddingCache.Save(path, embedder.Fingerprint, contentHash, embedder.Dimension, vectorsByKey);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
