using SuperTune.Core.Predictions;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Entities;

/// <summary>
/// Turns a token classifier's tag probabilities per word into BIO tags and entity spans with scores. The same
/// decoding serves TorchSharp and ONNX Runtime predictions, so both give the same spans.
/// </summary>
public static class EntityDecoder
{
    /// <summary>
    /// Picks the most probable tag of each word and decodes the tags to entities as <see cref="BioTags.ToSpans"/>
    /// does. A word without probabilities, because truncation dropped its pieces, is tagged O.
    /// </summary>
    /// <param name="text">The text the words index into.</param>
    /// <param name="words">The words, as from <see cref="WordSplitter"/>.</param>
    /// <param name="wordProbabilities">Per word, the tag probabilities in id order, or null.</param>
    /// <param name="tags">The tag of each id, from the model's id2label.</param>
    public static (string[] Tags, IReadOnlyList<PredictedEntity> Entities) Decode(string text,
        IReadOnlyList<TextRange> words, IReadOnlyList<float[]?> wordProbabilities, IReadOnlyList<string> tags)
    {
        var wordTags = new string[words.Count];
        var wordScores = new double[words.Count];
        for (int i = 0; i < words.Count; i++)
        {
            float[]? probabilities = wordProbabilities[i];
            int best = probabilities is null ? -1 : ArgMax(probabilities);
            wordTags[i] = best < 0 ? BioTags.Outside : tags[best];
            wordScores[i] = best < 0 ? 1 : probabilities![best];
        }

        var index = new CodePointIndex(text);
        var entities = new List<PredictedEntity>();
        int word = 0;
        foreach (EntitySpan span in BioTags.ToSpans(words, wordTags))
        {
            while (words[word].Start < span.Start)
            {
                word++;
            }

            double scoreSum = 0;
            int count = 0;
            for (; word < words.Count && words[word].End <= span.End; word++, count++)
            {
                scoreSum += wordScores[word];
            }

            entities.Add(new PredictedEntity
            {
                Label = span.Label,
                Text = span.TextIn(text),
                Start = span.Start,
                End = span.End,
                CodePointStart = index.ToCodePoint(span.Start),
                CodePointEnd = index.ToCodePoint(span.End),
                Score = scoreSum / count,
            });
        }

        return (wordTags, entities);
    }

    private static int ArgMax(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
