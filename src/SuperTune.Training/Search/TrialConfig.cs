using System.Text.Json.Serialization;

namespace SuperTune.Training.Search;

/// <summary>The hyperparameters of one search trial, numbered from 1 in the order the trials were drawn.</summary>
public sealed record TrialConfig
{
    [JsonPropertyName("trial")] public required int Id { get; init; }

    [JsonPropertyName("learning_rate")] public required double LearningRate { get; init; }

    /// <summary>Epochs of the fully trained trial; an early successive-halving rung may train fewer.</summary>
    [JsonPropertyName("num_train_epochs")] public required int Epochs { get; init; }

    [JsonPropertyName("per_device_train_batch_size")] public required int BatchSize { get; init; }

    [JsonPropertyName("warmup_ratio")] public required double WarmupRatio { get; init; }

    [JsonPropertyName("weight_decay")] public required double WeightDecay { get; init; }

    /// <summary>Returns <paramref name="fixedOptions"/> with this trial's values, trained for <paramref name="epochs"/>.</summary>
    public TrainingOptions Apply(TrainingOptions fixedOptions, int epochs) => fixedOptions with
    {
        LearningRate = LearningRate,
        NumTrainEpochs = epochs,
        BatchSize = BatchSize,
        WarmupRatio = WarmupRatio,
        WeightDecay = WeightDecay,
    };

    /// <summary>Returns whether both trials have the same hyperparameters, whatever their ids.</summary>
    public bool SameValues(TrialConfig other) => this with { Id = other.Id } == other;
}
