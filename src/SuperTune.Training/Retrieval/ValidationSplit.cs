using SuperTune.Core;
using SuperTune.Core.Retrieval;

namespace SuperTune.Training.Retrieval;

/// <summary>
/// Holds out a share of the knowledge-base entries as validation questions. In question mode the held-out
/// entries leave the index, so each answer key keeps at least one question in the training part; in answer mode
/// every answer stays indexed and only the questions are held out.
/// </summary>
public static class ValidationSplit
{
    /// <summary>
    /// Splits with <paramref name="seed"/>: in question mode per answer key, where keys with a single entry stay
    /// in training; in answer mode over all entries.
    /// </summary>
    public static (List<KnowledgeBaseEntry> Train, List<KnowledgeBaseEntry> Validation) Split(
        IReadOnlyList<KnowledgeBaseEntry> entries, string matchField, double fraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<KnowledgeBaseEntry>();
        var validation = new List<KnowledgeBaseEntry>();
        var groups = matchField == MatchField.Answer
            ? new List<KnowledgeBaseEntry[]> { entries.ToArray() }
            : entries.GroupBy(e => e.AnswerKey, StringComparer.Ordinal).Select(g => g.ToArray()).ToList();
        foreach (var group in groups)
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var held = Math.Min(members.Length - 1, (int)Math.Round(members.Length * fraction));
            validation.AddRange(members.Take(held));
            train.AddRange(members.Skip(held));
        }

        if (validation.Count == 0)
        {
            throw new SuperTuneException(
                "No validation questions could be held out: every answer has a single question.",
                "Pass --group-column with a column that groups questions (such as an intent), or add questions.");
        }

        // Keep file order, so batches and logs do not depend on the grouping.
        train.Sort((a, b) => a.Line.CompareTo(b.Line));
        validation.Sort((a, b) => a.Line.CompareTo(b.Line));
        return (train, validation);
    }
}
