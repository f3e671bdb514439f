using SuperTune.Core;
using SuperTune.Core.Models;

namespace SuperTune.Training.Tests;

public class MemoryBudgetTests
{
    /// <summary>The shape of all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, intermediate 1536.</summary>
    private static readonly BertConfig MiniLm = new()
    {
        HiddenSize = 384, NumHiddenLayers = 6, NumAttentionHeads = 12, IntermediateSize = 1536,
    };

    [Fact]
    public void MiniLmDefaultBatchIsUnderTwoGigabytes()
    {
        var bytes = MemoryBudget.EstimateTrainingBytes(MiniLm, parameterCount: 22_700_000, batchSize: 32,
            sequenceLength: 64);

        // Measured on Banking77 with these settings: 2.5 GB peak resident, runtime and allocator included.
        Assert.InRange(bytes / 1e9, 0.5, 2.0);
    }

    [Fact]
    public void EstimateGrowsWithBatchAndLength()
    {
        var small = MemoryBudget.EstimateTrainingBytes(MiniLm, 22_700_000, 32, 64);
        var longer = MemoryBudget.EstimateTrainingBytes(MiniLm, 22_700_000, 32, 512);
        var larger = MemoryBudget.EstimateTrainingBytes(MiniLm, 22_700_000, 512, 512);

        Assert.True(longer > 8 * (small - 5 * 22_700_000L * 4), "activations grow at least linearly in length");
        Assert.True(larger > 15 * longer, $"{larger} vs {longer}");
    }

    [Fact]
    public void EstimateAboveLimitNamesOptions()
    {
        var error = Assert.Throws<SuperTuneException>(() =>
            MemoryBudget.Require(estimatedBytes: 50_000_000_000, limitBytes: 20_000_000_000, batchSize: 512,
                sequenceLength: 512, maxMemoryGb: 0));

        Assert.Contains("512 texts x 512 tokens", error.Message);
        Assert.Contains("50.00 GB", error.Message);
        Assert.Contains("--batch-size", error.Hint);
        Assert.Contains("--max-memory-gb", error.Hint);
    }
}
