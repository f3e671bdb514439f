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
        // batch contains a long text. Grouped by length, the short pairs share batches.
        var grouped = PaddedTokens(task, task.BatchesForEpoch(1));
        var inOrder = PaddedTokens(task, Enumerable.Range(0, task.TrainCount).Chunk(4).ToList());

        Assert.True(grouped < inOrder, $"grouped batches feed {grouped} tokens, in-order ones {inOrder}");
        Assert.Equal(task.BatchesForEpoch(1), NewTask(model, epochs: 1).BatchesForEpoch(1));
    }

    [Fact]
    public void InBatchLossNearZeroForSeparatedPairs()
    {
        // Three pairs of three labels on orthogonal axes: each anchor's cosine is 1 to its partner and 0 to the others.
        using var anchors = tensor(new float[] { 1, 0, 0, 0, 2, 0, 0, 0, 3 }, [3, 3]);
        using var labels = tensor(new long[] { 0, 1, 2 });

        using var loss = ContrastivePairTask.InBatchRankingLoss(anchors, anchors * 5, labels);

        // ln(1 + 2 e^-20) per row.
        Assert.Equal(Math.Log(1 + 2 * Math.Exp(-20)), loss.item<float>(), 1e-6);
    }

    [Fact]
    public void InBatchLossMasksSameLabelPartners()
    {
        // Two pairs of label 0 with one embedding: as negatives of each other they would cost ln 2 per row.
        using var anchors = tensor(new float[] { 1, 0, 1, 0, 0, 1 }, [3, 2]);
        using var sameLabels = tensor(new long[] { 0, 0, 1 });
        using var distinctLabels = tensor(new long[] { 0, 2, 1 });

        using var masked = ContrastivePairTask.InBatchRankingLoss(anchors, anchors, sameLabels);
        using var unmasked = ContrastivePairTask.InBatchRankingLoss(anchors, anchors, distinctLabels);

        Assert.True(masked.item<float>() < 1e-6, $"loss {masked.item<float>()}");
        Assert.Equal(2 * Math.Log(2) / 3, unmasked.item<float>(), 1e-4);
    }

    [Fact]
    public void InBatchTaskDrawsOnlySameLabelPairs()
    {
        using var model = NewModel();
        var examples = MixedLengths();
        var task = new ContrastivePairTask(model, examples, examples, padId: 0,
            new TrainingOptions { BatchSize = 4, NumTrainEpochs = 1, Seed = 5 }, pairsPerExample: 4,
            FewShotOptions.InBatchLoss);

        // 12 examples x 4 pairs, all positive, so the loss learns from same-label pairs alone.
        Assert.Equal(48, task.TrainCount);
        using var scope = NewDisposeScope();
        var loss = task.Loss(task.BatchesForEpoch(1)[0], CPU);
        Assert.True(float.IsFinite(loss.Value.item<float>()));
    }

    private static int PaddedTokens(ContrastivePairTask task, IReadOnlyList<int[]> batches)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return batches.Sum(batch => task.Loss(batch, CPU).PaddedTokens);
    }
}
