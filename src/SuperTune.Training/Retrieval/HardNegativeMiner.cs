using SuperTune.Core.Retrieval;

namespace SuperTune.Training.Retrieval;

/// <summary>
/// Gives each pair the positive of another answer that the untuned model ranks highest for its anchor: the
/// most confusable wrong answer, which in-batch negatives would only meet by chance.
/// </summary>
public static class HardNegativeMiner
{
    /// <summary>Returns the pairs with <see cref="RetrievalPair.HardNegative"/> set; pairs with no other answer keep none.</summary>
    public static List<RetrievalPair> Mine(IReadOnlyList<RetrievalPair> pairs, ISentenceEmbedder embedder)
    {
        var positives = pairs.Select(p => (p.Positive, p.AnswerKey)).Distinct().ToList();
        var index = new VectorIndex(embedder.Dimension, positives.Count);
        var positiveVectors = embedder.Embed(positives.Select(p => p.Positive).ToList());
        for (var i = 0; i < positives.Count; i++) index.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), positiveVectors[i]);

        var anchors = embedder.Embed(pairs.Select(p => p.Anchor).ToList());
        var mined = new List<RetrievalPair>(pairs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            var scores = index.ScoreAll(anchors[i]);
            string? negative = null;
            foreach (var row in VectorIndex.TopRows(scores, Math.Min(scores.Length, 64)))
            {
                // Nothing is removed from this index, so row numbers are insertion order.
                var candidate = positives[row];
                if (candidate.AnswerKey == pairs[i].AnswerKey) continue;
                negative = candidate.Positive;
                break;
            }

            mined.Add(pairs[i] with { HardNegative = negative });
        }

        return mined;
    }
}
