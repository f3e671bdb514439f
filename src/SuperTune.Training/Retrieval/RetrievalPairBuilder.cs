using SuperTune.Core;
using SuperTune.Core.Retrieval;

namespace SuperTune.Training.Retrieval;

/// <summary>Turns knowledge-base entries into training pairs for the chosen match field.</summary>
public static class RetrievalPairBuilder
{
    /// <summary>
    /// For match field "answer", pairs each question with its answer. For "question", pairs each question with
    /// another question of the same answer key from <paramref name="partners"/> (the entries themselves when
    /// null), chosen with <paramref name="seed"/>; entries with no such partner are left out.
    /// </summary>
    public static List<RetrievalPair> Build(IReadOnlyList<KnowledgeBaseEntry> entries, string matchField, int seed,
        IReadOnlyList<KnowledgeBaseEntry>? partners = null)
    {
        if (matchField == MatchField.Answer)
        {
            return entries.Select(e => new RetrievalPair(e.Question, e.Answer, e.AnswerKey)).ToList();
        }

        var random = new Random(seed);
        var byKey = (partners ?? entries).GroupBy(e => e.AnswerKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var pairs = new List<RetrievalPair>();
        foreach (var entry in entries)
        {
            var others = byKey.GetValueOrDefault(entry.AnswerKey)?.Where(e => !ReferenceEquals(e, entry)).ToList();
            if (others is null || others.Count == 0) continue;
            var partner = others[random.Next(others.Count)];
            pairs.Add(new RetrievalPair(entry.Question, partner.Question, entry.AnswerKey));
        }

        if (pairs.Count == 0)
        {
            throw new SuperTuneException(
                "No answer has two questions, so question-to-question pairs cannot be built.",
                "Pass --group-column with a column that groups questions (such as an intent), or --match answer.");
        }

        return pairs;
    }
}
