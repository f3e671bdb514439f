using System.Globalization;
using Microsoft.Extensions.Logging;
using SuperTune.Core.Models;
using SuperTune.Training.Jobs;

namespace SuperTune.Training.Search;

/// <summary>
/// Trains trials with <see cref="FineTuneJob"/>. A trial whose earlier run was interrupted after a checkpoint
/// continues from that checkpoint rather than starting over.
/// </summary>
public sealed class FineTuneTrialTrainer(ILoggerFactory loggerFactory, ITrainingMonitor? monitor = null) : ITrialTrainer
{
    public TrialOutcome Train(TrainRequest request, CancellationToken cancellation)
    {
        var job = new FineTuneJob(loggerFactory, monitor);
        var metrics = AtomicFolder.FindResumable(request.OutputFolder) is null
            ? job.Run(request, cancellation)
            : job.Resume(request.OutputFolder, cancellation);

        var validation = metrics.GetSection("validation")!;
        var training = metrics.GetSection("training")!;
        return new TrialOutcome(Number(validation["macro_f1"]), Number(validation["accuracy"]),
            (int)Number(training["best_epoch"]));
    }

    private static double Number(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);
}
