using SuperTune.Core.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Export.Tests;

/// <summary>The parts that every tiny model folder of the tests is made of.</summary>
public static class TinyModelParts
{
    /// <summary>Returns a lower-casing WordPiece tokenizer over the BERT special tokens followed by <paramref name="words"/>.</summary>
    public static BertWordPieceTokenizer Tokenizer(IEnumerable<string> words, out int vocabularySize)
    {
        var vocabulary = new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Concat(words).ToArray();
        using var vocabularyStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            string.Join("\n", vocabulary) + "\n"));
        vocabularySize = vocabulary.Length;
        return BertWordPieceTokenizer.FromVocabulary(vocabularyStream, new TokenizerSettings());
    }

    /// <summary>
    /// Adds seeded Gaussian noise (standard deviation 0.1) to every parameter, LayerNorm included, so that no weight
    /// keeps its neutral initial value.
    /// </summary>
    public static void AddNoise(nn.Module model, int seed)
    {
        manual_seed(seed);
        using (no_grad())
        {
            foreach (var (_, parameter) in model.named_parameters())
            {
                using var noise = randn_like(parameter) * 0.1;
                parameter.add_(noise);
            }
        }
    }
}
