using SuperTune.Core;
using SuperTune.Core.Models;

namespace SuperTune.Training;

/// <summary>
/// An estimate of the memory that fine-tuning a BERT encoder needs, checked before any tensor is allocated so
/// that a batch too large for the machine fails at once with a message instead of being killed mid-run.
/// </summary>
public static class MemoryBudget
{
    /// <summary>Share of the memory available to the process that a run may plan to use by default.</summary>
    public const double DefaultShareOfAvailable = 0.8;

    /// <summary>
    /// Returns the estimated peak bytes of one training step in float32: weights, gradients, AdamW's two moments
    /// and the best-epoch copy (5 floats per parameter), plus the activations that backward keeps for a batch of
    /// <paramref name="batchSize"/> sequences of <paramref name="sequenceLength"/> tokens.
    /// </summary>
    /// <remarks>
    /// Per token and layer, backward keeps about 11 hidden-sized tensors: query, key, value, context, two dense
    /// outputs, dropout masks, residual sums and LayerNorm inputs. It also keeps 2 intermediate-sized ones (before
    /// and after GELU) and 3 attention rows per head (scores, probabilities, dropped probabilities). This is an
    /// estimate, and libtorch's allocator and the runtime add several hundred megabytes on top.
    /// </remarks>
    public static long EstimateTrainingBytes(BertConfig config, long parameterCount, int batchSize,
        int sequenceLength)
    {
        var perTokenPerLayer = 11L * config.HiddenSize + 2L * config.IntermediateSize
                               + 3L * config.NumAttentionHeads * sequenceLength;
        var perToken = config.NumHiddenLayers * perTokenPerLayer + 4L * config.HiddenSize;
        var activations = perToken * batchSize * sequenceLength;
        return (5 * parameterCount + activations) * sizeof(float);
    }

    /// <summary>Returns the byte limit for <paramref name="maxMemoryGb"/>, where 0 means the default share.</summary>
    public static long LimitBytes(double maxMemoryGb) => maxMemoryGb > 0
        ? (long)(maxMemoryGb * 1e9)
        : (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * DefaultShareOfAvailable);

    /// <summary>Rejects a run whose estimate exceeds the limit, naming the options that change either.</summary>
    /// <exception cref="SuperTuneException">The estimate is above the limit.</exception>
    public static void Require(long estimatedBytes, long limitBytes, int batchSize, int sequenceLength,
        double maxMemoryGb)
    {
        if (estimatedBytes <= limitBytes) return;
        var limitSource = maxMemoryGb > 0
            ? "--max-memory-gb"
            : $"{DefaultShareOfAvailable:P0} of the memory available to this process";
        throw new SuperTuneException(
            $"Training batches of {batchSize} texts x {sequenceLength} tokens need an estimated " +
            $"{estimatedBytes / 1e9:F2} GB (weights, gradients, AdamW state and activations), above the " +
            $"{limitBytes / 1e9:F2} GB limit ({limitSource}).",
            "Lower --batch-size (and raise --gradient-accumulation to keep the effective batch) or --max-length, " +
            "or raise --max-memory-gb if the machine has the memory.");
    }
}
