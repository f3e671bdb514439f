using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Training.Checkpoints;

namespace SuperTune.Training.Jobs;

/// <summary>
/// The staging folder of one training run: its request (<c>run.json</c>), checkpoints and metrics.jsonl while it
/// trains, renamed into the model folder when complete. A failed or interrupted run that wrote a checkpoint keeps
/// the folder, so <see cref="Resume"/> can continue it; every training job writes its model through this class.
/// </summary>
public sealed class TrainingRunFolder : IDisposable
{
    private readonly AtomicFolder folder;

    private TrainingRunFolder(AtomicFolder folder, TrainRequest request)
    {
        this.folder = folder;
        Request = request;
        Checkpoints = new CheckpointStore(Path.Combine(folder.StagingPath, "checkpoints"),
            request.Options.SaveTotalLimit);
        folder.KeepForResumeWhen(() => Checkpoints.HasCheckpoint);
    }

    /// <summary>The request the run was started with.</summary>
    public TrainRequest Request { get; }

    /// <summary>The folder being written, which becomes <see cref="Target"/> on <see cref="Commit"/>.</summary>
    public string StagingPath => folder.StagingPath;

    /// <summary>The model folder (<c>--out</c>).</summary>
    public string Target => folder.Target;

    public CheckpointStore Checkpoints { get; }

    /// <summary>The file that receives the trainer's log records.</summary>
    public string MetricsJsonlPath => Path.Combine(StagingPath, "metrics.jsonl");

    /// <summary>
    /// Rejects a new run into <paramref name="outputFolder"/> while an interrupted run for it waits to be resumed,
    /// so its checkpoints are not lost by accident. Call it before any slow work.
    /// </summary>
    /// <exception cref="SuperTuneException">Such a run exists; the hint names --resume.</exception>
    public static void RequireNoInterruptedRun(string outputFolder)
    {
        var interrupted = AtomicFolder.FindResumable(outputFolder);
        if (interrupted is null) return;
        throw new SuperTuneException(
            $"--out {outputFolder}: an interrupted run for this folder left checkpoints in {interrupted}.",
            $"Continue it with `supertune train --resume {outputFolder}`, or delete {interrupted} to start over.");
    }

    /// <summary>Creates the staging folder of a new run and saves its request there.</summary>
    public static TrainingRunFolder Begin(TrainRequest request)
    {
        var folder = AtomicFolder.Begin(request.OutputFolder, "--out");
        TrainRunFile.Save(folder.StagingPath, request);
        return new TrainingRunFolder(folder, request);
    }

    /// <summary>Takes over the staging folder an interrupted run left for <paramref name="outputFolder"/>.</summary>
    /// <exception cref="SuperTuneException">No such run exists, or its request cannot be read.</exception>
    public static TrainingRunFolder Resume(string outputFolder)
    {
        var folder = AtomicFolder.Resume(outputFolder, "--resume");
        try
        {
            var request = TrainRunFile.Load(folder.StagingPath);
            request.Options.Validate();
            return new TrainingRunFolder(folder, request);
        }
        catch
        {
            folder.KeepForResumeWhen(() => true);
            folder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trains <paramref name="task"/> with checkpoints in this folder, continuing from the newest one if any, and
    /// logs how to resume when the run is interrupted after its first checkpoint.
    /// </summary>
    public TrainingResult Train(Trainer trainer, ITrainingTask task, ILogger logger, CancellationToken cancellation) =>
        Train(checkpoints => trainer.Train(task, MetricsJsonlPath, cancellation, checkpoints), logger);

    /// <summary>
    /// Runs <paramref name="train"/>, a training of one or more trainer stages, with this folder's checkpoint store,
    /// and logs how to resume when it is interrupted after its first checkpoint.
    /// </summary>
    public TrainingResult Train(Func<CheckpointStore, TrainingResult> train, ILogger logger)
    {
        try
        {
            return train(Checkpoints);
        }
        catch (OperationCanceledException) when (Checkpoints.HasCheckpoint)
        {
            logger.LogWarning("Training was interrupted. Its checkpoints are kept in {Staging}, so " +
                              "`supertune train --resume {Folder}` continues it", StagingPath, Request.OutputFolder);
            throw;
        }
    }

    /// <summary>
    /// Deletes the checkpoints and request, which a finished run no longer needs, and renames the staging folder
    /// into the model folder.
    /// </summary>
    public void Commit()
    {
        if (Directory.Exists(Checkpoints.Folder)) Directory.Delete(Checkpoints.Folder, recursive: true);
        File.Delete(Path.Combine(StagingPath, AtomicFolder.ResumableMarker));
        folder.Commit();
    }

    /// <summary>Deletes the staging folder unless it was committed or contains a checkpoint.</summary>
    public void Dispose() => folder.Dispose();
}
