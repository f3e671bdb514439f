using SuperTune.Core.Tokenization;
using SuperTune.Training.Batching;

namespace SuperTune.Training.Retrieval;

/// <summary>Tokenized anchors, positives and optional hard negatives of a pair list, with integer answer keys.</summary>
internal sealed record EncodedPairs(IReadOnlyList<EncodedExample> Anchors, IReadOnlyList<EncodedExample> Positives,
    IReadOnlyList<EncodedExample>? Negatives, IReadOnlyList<int> KeyIds, int Truncated)
{
    public int Count => Anchors.Count;

    /// <summary>Tokenizes <paramref name="pairs"/>; answer keys get ids from <paramref name="keyIds"/>, extended as needed.</summary>
    public static EncodedPairs Encode(IReadOnlyList<RetrievalPair> pairs, BertWordPieceTokenizer tokenizer,
        int maxLength, Dictionary<string, int> keyIds)
    {
        var truncated = 0;
        EncodedExample EncodeText(string text)
        {
            var encoded = tokenizer.Encode(text, maxLength);
            if (encoded.Truncated) truncated++;
            return new EncodedExample(encoded.InputIds.ToArray(), -1);
        }

        var anchors = pairs.Select(p => EncodeText(p.Anchor)).ToList();
        var positives = pairs.Select(p => EncodeText(p.Positive)).ToList();
        var withNegatives = pairs.Count > 0 && pairs.All(p => p.HardNegative is not null);
        var negatives = withNegatives ? pairs.Select(p => EncodeText(p.HardNegative!)).ToList() : null;
        var ids = pairs.Select(p => keyIds.TryGetValue(p.AnswerKey, out var id) ? id : keyIds[p.AnswerKey] = keyIds.Count)
            .ToList();
        return new EncodedPairs(anchors, positives, negatives, ids, truncated);
    }
}
