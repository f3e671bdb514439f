using SuperTune.Core.Tokenization;

namespace SuperTune.Inference;

/// <summary>
/// Row-major (batch, sequence) input tensors for some encoded texts, padded to the longest of them. Token
/// type ids are all 0 because every text is a single sentence.
/// </summary>
internal sealed class PaddedBatch
{
    private PaddedBatch(long[] inputIds, long[] attentionMask, int rows, int width)
    {
        InputIds = inputIds;
        AttentionMask = attentionMask;
        TokenTypeIds = new long[inputIds.Length];
        Shape = [rows, width];
    }

    public long[] InputIds { get; }

    public long[] AttentionMask { get; }

    public long[] TokenTypeIds { get; }

    /// <summary>(batch, sequence).</summary>
    public long[] Shape { get; }

    /// <summary>Pads the texts at <paramref name="rows"/> of <paramref name="encoded"/>, in that order.</summary>
    public static PaddedBatch Create(IReadOnlyList<EncodedText> encoded, ReadOnlySpan<int> rows, int padId) =>
        Create(index => encoded[index].InputIds, rows, padId);

    /// <summary>Pads the token ids that <paramref name="idsOf"/> returns for each of <paramref name="rows"/>.</summary>
    public static PaddedBatch Create(Func<int, IReadOnlyList<int>> idsOf, ReadOnlySpan<int> rows, int padId)
    {
        int width = 0;
        foreach (int index in rows)
        {
            width = Math.Max(width, idsOf(index).Count);
        }

        var inputIds = new long[rows.Length * width]; // (batch, seq)
        var attentionMask = new long[rows.Length * width]; // (batch, seq)
        Array.Fill(inputIds, padId);
        for (int row = 0; row < rows.Length; row++)
        {
            IReadOnlyList<int> ids = idsOf(rows[row]);
            for (int position = 0; position < ids.Count; position++)
            {
                inputIds[row * width + position] = ids[position];
                attentionMask[row * width + position] = 1;
            }
        }

        return new PaddedBatch(inputIds, attentionMask, rows.Length, width);
    }
}
