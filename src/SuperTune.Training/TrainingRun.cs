using System.Diagnostics;
using SuperTune.Training.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Training;

/// <summary>
/// The mutable state of one <see cref="Trainer.Train"/> call: counters, clock, and what model selection has
/// kept so far. It converts to and from <see cref="TrainerState"/> for checkpoints.
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private double secondsBeforeResume;

    public RunState State { get; } = new();

    /// <summary>Time spent in optimizer steps since this process started the run.</summary>
    public Stopwatch Clock { get; } = new();

    /// <summary>A copy of the best epoch's weights, or null before the first validation.</summary>
    public Dictionary<string, Tensor>? BestSnapshot { get; private set; }

    public int BestEpoch { get; private set; }

    public ValidationScores Best { get; private set; } = ValidationScores.None;

    public int EpochsWithoutImprovement { get; set; }

    /// <summary>Seconds of optimizer work over the whole run, earlier processes of a resumed run included.</summary>
    public double Seconds => secondsBeforeResume + Clock.Elapsed.TotalSeconds;

    /// <summary>Records a new best epoch and copies its weights.</summary>
    public void KeepBest(int epoch, ValidationScores scores, nn.Module model)
    {
        DisposeSnapshot();
        BestSnapshot = Snapshot(model);
        BestEpoch = epoch;
        Best = scores;
        EpochsWithoutImprovement = 0;
    }

    /// <summary>Returns the checkpoint record of the run at this point.</summary>
    public TrainerState ToTrainerState(int epoch, int batchesDone, bool epochValidated) => new()
    {
        Epoch = epoch,
        BatchesDone = batchesDone,
        EpochValidated = epochValidated,
        Step = State.Step,
        BestEpoch = BestEpoch,
        BestScore = BestEpoch == 0 ? 0 : Best.Score,
        BestLoss = BestEpoch == 0 ? 0 : Best.Loss,
        BestMetrics = new Dictionary<string, double>(Best.Metrics),
        EpochsWithoutImprovement = EpochsWithoutImprovement,
        ExamplesSeen = State.ExamplesSeen,
        RealTokensSeen = State.RealTokensSeen,
        PaddedTokensSeen = State.PaddedTokensSeen,
        TrainingSeconds = Seconds,
    };

    /// <summary>
    /// Loads a checkpoint into the model, optimizer and random generator and takes over its counters.
    /// </summary>
    /// <returns>The epoch to continue with and how many of its micro-batches are already done.</returns>
    public (int Epoch, int SkippedBatches) Resume(string folder, TrainerState saved, CheckpointStore store,
        nn.Module model, OptimizerHelper optimizer, Device device)
    {
        var bestWeights = store.Restore(folder, model, optimizer, device);
        DisposeSnapshot();

        // Without a separate file the best weights are the model's own at that checkpoint.
        BestSnapshot = bestWeights ?? (saved.BestEpoch > 0 ? Snapshot(model) : null);
        BestEpoch = saved.BestEpoch;
        Best = saved.Best;
        EpochsWithoutImprovement = saved.EpochsWithoutImprovement;
        State.Restore(saved.Step, saved.ExamplesSeen, saved.RealTokensSeen, saved.PaddedTokensSeen);
        secondsBeforeResume = saved.TrainingSeconds;
        return saved.EpochValidated ? (saved.Epoch + 1, 0) : (saved.Epoch, saved.BatchesDone);
    }

    public void Dispose() => DisposeSnapshot();

    private static Dictionary<string, Tensor> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private void DisposeSnapshot()
    {
        if (BestSnapshot is null) return;
        foreach (var value in BestSnapshot.Values) value.Dispose();
        BestSnapshot = null;
    }
}
