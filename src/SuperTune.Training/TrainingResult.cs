namespace SuperTune.Training;

/// <summary>Summary of a finished training run. The trained model contains the weights of <see cref="BestEpoch"/>.</summary>
public sealed record TrainingResult
{
    public required int BestEpoch { get; init; }

    /// <summary>Validation scores of <see cref="BestEpoch"/>, or <see cref="ValidationScores.None"/> when no epoch was validated.</summary>
    public required ValidationScores BestValidation { get; init; }

    public required int EpochsRun { get; init; }
    public required int Steps { get; init; }
    public required double Seconds { get; init; }

    /// <summary>Training examples processed per second of optimizer work (validation time excluded).</summary>
    public required double ExamplesPerSecond { get; init; }

    /// <summary>Non-padding tokens processed per second of optimizer work.</summary>
    public required double TokensPerSecond { get; init; }

    /// <summary>Mean padding share of the training batches: padded tokens over all tokens.</summary>
    public required double PaddingFraction { get; init; }

    public required bool StoppedEarly { get; init; }

    /// <summary>Set when the loss became NaN or infinite after a validated epoch; the model was reset to the best one.</summary>
    public NonFiniteLossException? Divergence { get; init; }
}
