using SuperTune.Training.Jobs;

namespace SuperTune.Training.Search;

/// <summary>Trains one trial of a search into a model folder and returns its validation scores.</summary>
public interface ITrialTrainer
{
    /// <summary>
    /// Trains <paramref name="request"/> into its output folder and returns the scores of the best epoch.
    /// </summary>
    /// <exception cref="NonFiniteLossException">The trial diverged; the search records it as failed.</exception>
    /// <exception cref="OperationCanceledException">The search was interrupted.</exception>
    TrialOutcome Train(TrainRequest request, CancellationToken cancellation);
}

/// <summary>Validation scores of a trained trial.</summary>
/// <param name="MacroF1">Validation macro F1 of the best epoch.</param>
/// <param name="Accuracy">Validation accuracy of the best epoch.</param>
/// <param name="BestEpoch">The epoch whose weights were kept.</param>
public sealed record TrialOutcome(double MacroF1, double Accuracy, int BestEpoch);
