using static TorchSharp.torch;

namespace SuperTune.Training.Entities;

/// <summary>Padded inputs and per-token labels of one token classification batch; disposing frees the tensors.</summary>
internal sealed class TaggedBatch : IDisposable
{
    private TaggedBatch(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds, Tensor labels, int realTokens,
        int labelledTokens)
    {
        LabelledTokens = labelledTokens;
        InputIds = inputIds;
        AttentionMask = attentionMask;
        TokenTypeIds = tokenTypeIds;
        Labels = labels;
        RealTokens = realTokens;
    }

    public Tensor InputIds { get; }

    public Tensor AttentionMask { get; }

    public Tensor TokenTypeIds { get; }

    /// <summary>Tag ids (batch, seq), <see cref="TaggedEncoding.IgnoreIndex"/> where no word starts and on padding.</summary>
    public Tensor Labels { get; }

    /// <summary>Number of positions with a label that the loss counts.</summary>
    public int LabelledTokens { get; }

    /// <summary>Number of non-padding tokens.</summary>
    public int RealTokens { get; }

    /// <summary>Pads the encodings at <paramref name="indices"/> to the longest of them.</summary>
    public static TaggedBatch Collate(IReadOnlyList<TaggedEncoding> encodings, IReadOnlyList<int> indices, int padId,
        Device device)
    {
        int width = indices.Max(i => encodings[i].InputIds.Length);
        var ids = new long[indices.Count * width];
        var mask = new long[indices.Count * width];
        var labels = new long[indices.Count * width];
        int realTokens = 0;
        int labelledTokens = 0;
        Array.Fill(ids, padId);
        Array.Fill(labels, TaggedEncoding.IgnoreIndex);
        for (int row = 0; row < indices.Count; row++)
        {
            TaggedEncoding encoding = encodings[indices[row]];
            for (int column = 0; column < encoding.InputIds.Length; column++)
            {
                ids[row * width + column] = encoding.InputIds[column];
                mask[row * width + column] = 1;
                labels[row * width + column] = encoding.Labels[column];
            }

            realTokens += encoding.InputIds.Length;
            labelledTokens += encoding.Labels.Count(label => label != TaggedEncoding.IgnoreIndex);
        }

        long[] shape = [indices.Count, width]; // (batch, seq)
        return new TaggedBatch(tensor(ids, shape, device: device), tensor(mask, shape, device: device),
            zeros(shape, int64, device: device), tensor(labels, shape, device: device), realTokens, labelledTokens);
    }

    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
        TokenTypeIds.Dispose();
        Labels.Dispose();
    }
}
