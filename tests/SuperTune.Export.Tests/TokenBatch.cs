using SuperTune.Core.Tokenization;
using static TorchSharp.torch;

namespace SuperTune.Export.Tests;

/// <summary>Token ids, attention mask and token types of a padded batch, row-major (batch, seq).</summary>
public sealed record TokenBatch(long[] InputIds, long[] AttentionMask, long[] TokenTypeIds, int Batch, int Width)
{
    /// <summary>Encodes <paramref name="texts"/> and pads every row with id 0 to the longest.</summary>
    public static TokenBatch FromTexts(BertWordPieceTokenizer tokenizer, IReadOnlyList<string> texts,
        int maxLength = 128)
    {
        var rows = texts.Select(text => tokenizer.Encode(text, maxLength).InputIds.Select(id => (long)id).ToArray())
            .ToList();
        return FromRows(rows, rows.Max(row => row.Length));
    }

    /// <summary>
    /// Creates random ids in [5, vocabularySize) in rows that get 3 tokens shorter each, cycling below
    /// <paramref name="width"/>, and padded to it.
    /// </summary>
    public static TokenBatch Random(int batch, int width, int vocabularySize, int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, batch)
            .Select(row => Enumerable.Range(0, Math.Max(2, width - row * 3 % width))
                .Select(_ => (long)random.Next(5, vocabularySize)).ToArray())
            .ToList();
        return FromRows(rows, width);
    }

    private static TokenBatch FromRows(IReadOnlyList<long[]> rows, int width)
    {
        var ids = new long[rows.Count * width];
        var mask = new long[rows.Count * width];
        for (var row = 0; row < rows.Count; row++)
        {
            rows[row].CopyTo(ids, row * width);
            Array.Fill(mask, 1L, row * width, rows[row].Length);
        }

        return new TokenBatch(ids, mask, new long[ids.Length], rows.Count, width);
    }

    /// <summary>The three inputs as TorchSharp tensors, for the reference forward pass.</summary>
    public (Tensor InputIds, Tensor AttentionMask, Tensor TokenTypeIds) ToTensors()
    {
        long[] shape = [Batch, Width];
        return (tensor(InputIds, shape), tensor(AttentionMask, shape), tensor(TokenTypeIds, shape));
    }
}
