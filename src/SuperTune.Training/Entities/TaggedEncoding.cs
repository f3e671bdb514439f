using SuperTune.Core.Entities;
using SuperTune.Core.Tokenization;

namespace SuperTune.Training.Entities;

/// <summary>One tagged text encoded for token classification.</summary>
/// <param name="InputIds"><c>[CLS]</c>, word pieces, <c>[SEP]</c>.</param>
/// <param name="Labels">
/// Per position, the tag id of the word on its first piece, and <see cref="IgnoreIndex"/> on later pieces, on
/// special tokens and for tags the model does not have; cross-entropy skips those positions.
/// </param>
/// <param name="FirstPieces">For each word, the position of its first piece, or -1 when truncation dropped it.</param>
/// <param name="Truncated">Whether word pieces were dropped to fit the maximum length.</param>
public sealed record TaggedEncoding(int[] InputIds, long[] Labels, int[] FirstPieces, bool Truncated)
{
    /// <summary>The label that cross-entropy ignores, as in PyTorch and transformers.</summary>
    public const long IgnoreIndex = -100;

    /// <summary>Encodes an example, labelling the first word piece of each word with its BIO tag.</summary>
    public static TaggedEncoding Encode(BertWordPieceTokenizer tokenizer, TaggedExample example,
        IReadOnlyDictionary<string, int> tagIds, int maxLength)
    {
        EncodedWords encoded = tokenizer.EncodeWords(example.Text, example.Words, maxLength);
        IReadOnlyList<string> tags = example.Tags;
        int[] firstPieces = TaggerInput.FindFirstPieces(encoded.WordIndices, example.Words.Count);
        var labels = new long[encoded.InputIds.Count];
        Array.Fill(labels, IgnoreIndex);
        for (int word = 0; word < firstPieces.Length; word++)
        {
            if (firstPieces[word] >= 0 && tagIds.TryGetValue(tags[word], out int id))
            {
                labels[firstPieces[word]] = id;
            }
        }

        return new TaggedEncoding([.. encoded.InputIds], labels, firstPieces, encoded.Truncated);
    }

    /// <summary>Wraps a prediction input, with every position ignored because the text has no gold tags.</summary>
    public static TaggedEncoding ForPrediction(TaggerInput input)
    {
        var labels = new long[input.Encoded.InputIds.Count];
        Array.Fill(labels, IgnoreIndex);
        return new TaggedEncoding([.. input.Encoded.InputIds], labels, input.FirstPieces, input.Encoded.Truncated);
    }
}
