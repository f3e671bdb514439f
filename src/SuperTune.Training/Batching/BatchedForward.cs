using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training.Batching;

/// <summary>Runs a model that maps (batch, seq) inputs to one row per example, without gradients.</summary>
public static class BatchedForward
{
    /// <summary>
    /// Returns the model's output row of each example (examples x width) in input order. Batches are formed
    /// from examples of similar length, so padding costs little; the result does not depend on the batching.
    /// The module's training mode is restored afterwards.
    /// </summary>
    public static float[][] Rows(nn.Module<Tensor, Tensor, Tensor, Tensor> model,
        IReadOnlyList<EncodedExample> examples, int padId, int batchSize, Device device) =>
        Rows(model, model.forward, examples, padId, batchSize, device);

    /// <summary>
    /// Returns the output row of <paramref name="forward"/>, a method of <paramref name="model"/> such as a
    /// pooled embedding, for each example, batched as the overload above batches.
    /// </summary>
    public static float[][] Rows(nn.Module model, Func<Tensor, Tensor, Tensor, Tensor> forward,
        IReadOnlyList<EncodedExample> examples, int padId, int batchSize, Device device)
    {
        var wasTraining = model.training;
        model.eval();
        var result = new float[examples.Count][];
        try
        {
            using var noGrad = no_grad();
            var lengths = examples.Select(e => e.InputIds.Length).ToList();
            foreach (var indices in LengthGroupedBatchSampler.SortedBatches(lengths, batchSize))
            {
                using var scope = NewDisposeScope();
                using var batch = TensorBatch.Collate(examples, indices, padId, device);
                var output = forward(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds); // (batch, width)
                var rows = output.cpu().data<float>().ToArray();
                var width = (int)output.shape[1];
                for (var row = 0; row < indices.Length; row++)
                {
                    result[indices[row]] = rows.AsSpan(row * width, width).ToArray();
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return result;
    }
}
