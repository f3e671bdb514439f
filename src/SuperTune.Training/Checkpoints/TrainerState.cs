using System.Text.Json.Serialization;

namespace SuperTune.Training.Checkpoints;

/// <summary>
/// Progress of a training run at a checkpoint, saved as <c>trainer_state.json</c>: where in the data order the
/// run stands and what model selection has seen so far. Together with the weights, optimizer moments and the
/// random generator state it lets a run continue exactly where it stopped.
/// </summary>
public sealed record TrainerState
{
    /// <summary>The epoch the run was in, counted from 1.</summary>
    [JsonPropertyName("epoch")] public required int Epoch { get; init; }

    /// <summary>Micro-batches of <see cref="Epoch"/> already trained on.</summary>
    [JsonPropertyName("batches_done")] public required int BatchesDone { get; init; }

    /// <summary>Whether <see cref="Epoch"/> was also validated, so the run continues with the next epoch.</summary>
    [JsonPropertyName("epoch_validated")] public required bool EpochValidated { get; init; }

    /// <summary>Optimizer steps taken, which also fixes the learning rate of the next step.</summary>
    [JsonPropertyName("global_step")] public required int Step { get; init; }

    /// <summary>The best validated epoch so far, 0 before the first validation.</summary>
    [JsonPropertyName("best_epoch")] public required int BestEpoch { get; init; }

    [JsonPropertyName("best_score")] public required double BestScore { get; init; }

    [JsonPropertyName("best_loss")] public required double BestLoss { get; init; }

    [JsonPropertyName("best_metrics")] public required Dictionary<string, double> BestMetrics { get; init; }

    [JsonPropertyName("epochs_without_improvement")] public required int EpochsWithoutImprovement { get; init; }

    [JsonPropertyName("examples_seen")] public required long ExamplesSeen { get; init; }

    [JsonPropertyName("real_tokens_seen")] public required long RealTokensSeen { get; init; }

    [JsonPropertyName("padded_tokens_seen")] public required long PaddedTokensSeen { get; init; }

    /// <summary>Seconds of optimizer work before the checkpoint, validation excluded.</summary>
    [JsonPropertyName("training_seconds")] public required double TrainingSeconds { get; init; }

    /// <summary>The scores of the best epoch, as model selection compares them.</summary>
    [JsonIgnore]
    public ValidationScores Best => BestEpoch == 0
        ? ValidationScores.None
        : new ValidationScores(BestLoss, BestScore, BestMetrics);
}
