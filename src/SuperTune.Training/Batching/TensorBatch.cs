using static TorchSharp.torch;

namespace SuperTune.Training.Batching;

/// <summary>Padded model inputs for one batch; disposing it frees the tensors.</summary>
public sealed class TensorBatch : IDisposable
{
    private TensorBatch(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds, Tensor labels, int realTokens)
    {
        InputIds = inputIds;
        AttentionMask = attentionMask;
        TokenTypeIds = tokenTypeIds;
        Labels = labels;
        RealTokens = realTokens;
    }

    public Tensor InputIds { get; }

    public Tensor AttentionMask { get; }

    public Tensor TokenTypeIds { get; }

    /// <summary>Class indices (batch); -1 for unlabelled examples.</summary>
    public Tensor Labels { get; }

    /// <summary>Number of non-padding tokens, for throughput accounting.</summary>
    public int RealTokens { get; }

    /// <summary>Pads the examples at <paramref name="indices"/> to the longest of them (dynamic padding).</summary>
    public static TensorBatch Collate(IReadOnlyList<EncodedExample> examples, IReadOnlyList<int> indices, int padId,
        Device device)
    {
        var width = indices.Max(i => examples[i].InputIds.Length);
        var ids = new long[indices.Count * width];
        var mask = new long[indices.Count * width];
        var labels = new long[indices.Count];
        var realTokens = 0;
        Array.Fill(ids, padId);

        for (var row = 0; row < indices.Count; row++)
        {
            var example = examples[indices[row]];
            for (var column = 0; column < example.InputIds.Length; column++)
            {
                ids[row * width + column] = example.InputIds[column];
                mask[row * width + column] = 1;
            }

            labels[row] = example.LabelId;
            realTokens += example.InputIds.Length;
        }

        long[] shape = [indices.Count, width]; // (batch, seq)
        return new TensorBatch(
            tensor(ids, shape, device: device),
            tensor(mask, shape, device: device),
            zeros(shape, int64, device: device),
            tensor(labels, device: device),
            realTokens);
    }

    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
        TokenTypeIds.Dispose();
        Labels.Dispose();
    }
}
