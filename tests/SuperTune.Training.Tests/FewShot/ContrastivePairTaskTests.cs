using SuperTune.Core.Models;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using SuperTune.Training.FewShot;
using static TorchSharp.torch;

namespace SuperTune.Training.Tests.FewShot;

public class ContrastivePairTaskTests
{
    /// <summary>Twelve examples over three labels, short and long ones mixed within every label.</summary>
    private static List<EncodedExample> MixedLengths() =>
        Enumerable.Range(0, 12)
            .Select(i => new EncodedExample([2, .. Enumerable.Repeat(10 + i % 3, i % 2 == 0 ? 2 : 20), 3], i % 3))
            .ToList();

    private static ContrastivePairTask NewTask(BertForSequenceClassification model, int epochs) =>
        new(model, MixedLengths(), MixedLengths(), padId: 0,
            new TrainingOptions { BatchSize = 4, NumTrainEpochs = epochs, Seed = 5 }, pairsPerExample: 10);

    private static BertForSequenceClassification NewModel() => new(new BertConfig
    {
        VocabSize = 30, HiddenSize = 16, NumHiddenLayers = 1, NumAttentionHeads = 2, IntermediateSize = 20,
        MaxPositionEmbeddings = 32,
    }.WithLabels(["a", "b", "c"]), PoolingNames.Mean);

    [Fact]
    public void EveryEpochUsesItsOwnPairsOnce()
    {
        using var model = NewModel();
        var task = NewTask(model, epochs: 2);

        var first = task.BatchesForEpoch(1).SelectMany(b => b).Order().ToList();
        var second = task.BatchesForEpoch(2).SelectMany(b => b).Order().ToList();

        Assert.Equal(Enumerable.Range(0, task.TrainCount), first);
        Assert.Equal(Enumerable.Range(task.TrainCount, task.TrainCount), second);
    }

    [Fact]
    public void BatchesGroupPairsOfSimilarLength()
    {
        using var model = NewModel();
        var task = NewTask(model, epochs: 1);

        // Both sides of a batch's pairs are padded to its longest text. Cut from the sampling order, almost every
        // batch holds a long text; grouped by length, the short pairs share batches.
        var grouped = PaddedTokens(task, task.BatchesForEpoch(1));
        var inOrder = PaddedTokens(task, Enumerable.Range(0, task.TrainCount).Chunk(4).ToList());

        Assert.True(grouped < inOrder, $"grouped batches feed {grouped} tokens, in-order ones {inOrder}");
        Assert.Equal(task.BatchesForEpoch(1), NewTask(model, epochs: 1).BatchesForEpoch(1));
    }

    private static int PaddedTokens(ContrastivePairTask task, IReadOnlyList<int[]> batches)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return batches.Sum(batch => task.Loss(batch, CPU).PaddedTokens);
    }
}
