using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training.Tests;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-checkpoints-").FullName;

    private static BertForSequenceClassification NewModel(int seed)
    {
        manual_seed(seed);
        var config = new BertConfig
        {
            VocabSize = 30, HiddenSize = 16, NumHiddenLayers = 1, NumAttentionHeads = 2, IntermediateSize = 20,
            MaxPositionEmbeddings = 16,
        }.WithLabels(["x", "y"]);
        return new BertForSequenceClassification(config, PoolingNames.Mean);
    }

    private static TrainerState State(int step) => new()
    {
        Epoch = 1, BatchesDone = step, EpochValidated = false, Step = step, BestEpoch = 0, BestScore = 0,
        BestLoss = 0, BestMetrics = [], EpochsWithoutImprovement = 0, ExamplesSeen = step * 4, RealTokensSeen = 0,
        PaddedTokensSeen = 0, TrainingSeconds = step,
    };

    [Fact]
    public void RestoreReturnsSavedWeightsOptimizerAndRandomState()
    {
        var store = new CheckpointStore(Path.Combine(folder, "checkpoints"), keep: 2);
        using var saved = NewModel(seed: 1);
        using var savedOptimizer = optim.AdamW(saved.parameters(), 1e-3);
        TakeOneStep(saved, savedOptimizer);
        manual_seed(77);
        store.Save(State(step: 1), saved, bestWeights: null, savedOptimizer);
        var expectedDraw = rand(4).data<float>().ToArray();

        using var restored = NewModel(seed: 2);
        using var restoredOptimizer = optim.AdamW(restored.parameters(), 1e-3);
        manual_seed(3);
        var latest = store.Latest()!.Value;
        store.Restore(latest.Folder, restored, restoredOptimizer, CPU);

        Assert.Equal(expectedDraw, rand(4).data<float>().ToArray());
        foreach (var (name, value) in saved.state_dict())
        {
            Assert.True(value.eq(restored.state_dict()[name]).all().item<bool>(), $"{name} differs after restore");
        }

        // The same next step from both proves the AdamW moments came back too.
        TakeOneStep(saved, savedOptimizer);
        TakeOneStep(restored, restoredOptimizer);
        foreach (var (name, value) in saved.state_dict())
        {
            Assert.True(value.eq(restored.state_dict()[name]).all().item<bool>(), $"{name} differs one step after restore");
        }
    }

    [Fact]
    public void SaveKeepsOnlyNewestCheckpoints()
    {
        var store = new CheckpointStore(Path.Combine(folder, "checkpoints"), keep: 2);
        using var model = NewModel(seed: 1);
        using var optimizer = optim.AdamW(model.parameters(), 1e-3);

        foreach (var step in new[] { 5, 10, 15 }) store.Save(State(step), model, null, optimizer);

        Assert.Equal(["checkpoint-10", "checkpoint-15"], store.List().Select(Path.GetFileName));
        Assert.Equal(15, store.Latest()!.Value.State.Step);
    }

    [Fact]
    public void UnfinishedCheckpointIsIgnored()
    {
        var store = new CheckpointStore(Path.Combine(folder, "checkpoints"), keep: 2);
        using var model = NewModel(seed: 1);
        using var optimizer = optim.AdamW(model.parameters(), 1e-3);
        store.Save(State(step: 5), model, null, optimizer);

        // A crash while writing leaves a .tmp folder, which is never read.
        Directory.CreateDirectory(Path.Combine(store.Folder, "checkpoint-10.tmp"));

        Assert.Equal(5, store.Latest()!.Value.State.Step);
    }

    [Fact]
    public void StageCheckpointsCountForTheRun()
    {
        var run = new CheckpointStore(Path.Combine(folder, "checkpoints"), keep: 2);
        var stage = run.Stage("contrastive");
        using var model = NewModel(seed: 1);
        using var optimizer = optim.AdamW(model.parameters(), 1e-3);

        stage.Save(State(step: 4), model, null, optimizer);

        Assert.True(run.HasCheckpoint);
        Assert.Empty(run.List());
        Assert.Equal(Path.Combine(run.Folder, "contrastive", "checkpoint-4"), stage.Latest()!.Value.Folder);
    }

    [Fact]
    public void LaterStageReplacesEarlierOnFirstSave()
    {
        var run = new CheckpointStore(Path.Combine(folder, "checkpoints"), keep: 2);
        var first = run.Stage("contrastive");
        var second = run.Stage("end-to-end", supersedes: first);
        using var model = NewModel(seed: 1);
        using var optimizer = optim.AdamW(model.parameters(), 1e-3);
        first.Save(State(step: 6), model, null, optimizer);

        second.Save(State(step: 2), model, null, optimizer);

        Assert.False(first.HasCheckpoint);
        Assert.False(Directory.Exists(first.Folder));
        Assert.Equal(["checkpoint-2"], second.List().Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("checkpoint-3")]
    [InlineData("../elsewhere")]
    [InlineData("stage.tmp")]
    public void CheckpointLikeStageNameIsRejected(string name)
    {
        var run = new CheckpointStore(Path.Combine(folder, "checkpoints"), keep: 2);

        Assert.Throws<ArgumentException>(() => run.Stage(name));
    }

    [Fact]
    public void DamagedStateFileIsNamed()
    {
        var store = new CheckpointStore(Path.Combine(folder, "checkpoints"), keep: 2);
        using var model = NewModel(seed: 1);
        using var optimizer = optim.AdamW(model.parameters(), 1e-3);
        var saved = store.Save(State(step: 5), model, null, optimizer);
        File.WriteAllText(Path.Combine(saved, "trainer_state.json"), "{\"epoch\": ");

        var error = Assert.Throws<SuperTuneException>(() => store.Latest());

        Assert.Contains("trainer_state.json", error.Message);
    }

    [Fact]
    public void MissingOptimizerFileIsNamed()
    {
        var store = new CheckpointStore(Path.Combine(folder, "checkpoints"), keep: 2);
        using var model = NewModel(seed: 1);
        using var optimizer = optim.AdamW(model.parameters(), 1e-3);
        var saved = store.Save(State(step: 5), model, null, optimizer);
        File.Delete(Path.Combine(saved, "optimizer.bin"));

        var error = Assert.Throws<SuperTuneException>(() => store.Restore(saved, model, optimizer, CPU));

        Assert.Contains("optimizer.bin", error.Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static void TakeOneStep(BertForSequenceClassification model, optim.Optimizer optimizer)
    {
        model.eval(); // no dropout, so both models see the same computation
        optimizer.zero_grad();
        using var inputIds = tensor(new long[] { 2, 5, 6, 3 }, [1, 4]);
        using var mask = ones([1, 4], int64);
        using var types = zeros([1, 4], int64);
        using var logits = model.forward(inputIds, mask, types);
        using var loss = nn.functional.cross_entropy(logits, tensor(new long[] { 1 }));
        loss.backward();
        optimizer.step();
    }
}
