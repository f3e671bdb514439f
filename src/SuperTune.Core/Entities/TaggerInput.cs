using SuperTune.Core.Calibration;
using SuperTune.Core.Predictions;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Entities;

/// <summary>
/// One text prepared for an entity tagger at prediction time: its words as <see cref="WordSplitter"/> splits them,
/// their word pieces, and the position of each word's first piece, whose logits give the word's tag. TorchSharp and
/// ONNX Runtime predictions both go through this type, so they read the same positions and decode the same spans.
/// </summary>
/// <param name="Text">The text as given.</param>
/// <param name="Words">The words of <paramref name="Text"/>.</param>
/// <param name="Encoded">The word pieces of the words, with <c>[CLS]</c> and <c>[SEP]</c>.</param>
/// <param name="FirstPieces">For each word, the position of its first piece, or -1 when truncation dropped it.</param>
public sealed record TaggerInput(string Text, IReadOnlyList<TextRange> Words, EncodedWords Encoded, int[] FirstPieces)
{
    /// <summary>Splits <paramref name="text"/> into words and encodes them within <paramref name="maxLength"/> ids.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 2.</exception>
    public static TaggerInput Encode(BertWordPieceTokenizer tokenizer, string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        IReadOnlyList<TextRange> words = WordSplitter.Split(text);
        EncodedWords encoded = tokenizer.EncodeWords(text, words, maxLength);
        return new TaggerInput(text, words, encoded, FindFirstPieces(encoded.WordIndices, words.Count));
    }

    /// <summary>Returns, for each of <paramref name="wordCount"/> words, the position of its first piece or -1.</summary>
    /// <param name="wordIndices">Per position, the word the piece belongs to, or -1, as in <see cref="EncodedWords"/>.</param>
    public static int[] FindFirstPieces(IReadOnlyList<int> wordIndices, int wordCount)
    {
        var firstPieces = new int[wordCount];
        Array.Fill(firstPieces, -1);
        for (int position = wordIndices.Count - 1; position >= 0; position--)
        {
            if (wordIndices[position] >= 0)
            {
                firstPieces[wordIndices[position]] = position;
            }
        }

        return firstPieces;
    }

    /// <summary>
    /// Returns, per word, the softmax of the logits at the word's first piece, or null for a word that truncation
    /// dropped.
    /// </summary>
    /// <param name="logits">This text's row of token logits, (seq, tags) row-major; seq may include padding.</param>
    /// <param name="tagCount">Number of tags, the last dimension of <paramref name="logits"/>.</param>
    /// <param name="firstPieces">For each word, the position of its first piece, or -1.</param>
    public static float[]?[] WordProbabilities(ReadOnlySpan<float> logits, int tagCount, IReadOnlyList<int> firstPieces)
    {
        var probabilities = new float[]?[firstPieces.Count];
        for (int word = 0; word < firstPieces.Count; word++)
        {
            int position = firstPieces[word];
            probabilities[word] = position < 0
                ? null
                : TemperatureScaling.Softmax(logits.Slice(position * tagCount, tagCount), 1.0);
        }

        return probabilities;
    }

    /// <summary>Decodes per-word tag probabilities into the text's entities, as <see cref="EntityDecoder"/> does.</summary>
    /// <param name="wordProbabilities">Per word, the tag probabilities in id order, or null.</param>
    /// <param name="tags">The tag of each id, from the model's id2label.</param>
    public EntityResult Decode(IReadOnlyList<float[]?> wordProbabilities, IReadOnlyList<string> tags) => new()
    {
        Text = Text,
        Entities = EntityDecoder.Decode(Text, Words, wordProbabilities, tags).Entities,
        Truncated = Encoded.Truncated,
    };
}
