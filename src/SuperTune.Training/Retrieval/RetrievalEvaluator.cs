using SuperTune.Core.Retrieval;

namespace SuperTune.Training.Retrieval;

/// <summary>Ranks evaluation questions against an index, embedding them in one batch call.</summary>
public static class RetrievalEvaluator
{
    /// <summary>Candidates kept per question: enough for MRR@10.</summary>
    public const int RankDepth = 10;

    /// <summary>Returns each question with its top distinct answers; a null key marks a question with no right answer.</summary>
    public static List<RankedQuery> Rank(KnowledgeBaseIndex index, ISentenceEmbedder embedder,
        IReadOnlyList<(string Question, string? RelevantKey)> questions)
    {
        var vectors = embedder.Embed(questions.Select(q => q.Question).ToList());
        return questions.Select((q, i) => new RankedQuery(q.Question, q.RelevantKey, index.Search(vectors[i], RankDepth)))
            .ToList();
    }
}
