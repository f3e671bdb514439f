using System.Text.Json;
using System.Text.Json.Serialization;
using SuperTune.Core;

namespace SuperTune.Training;

/// <summary>
/// Fine-tuning hyperparameters. Names follow transformers' TrainingArguments where one exists; the defaults suit
/// small sentence-transformer encoders such as MiniLM, which need higher learning rates than BERT-base.
/// Saved beside the model as <c>training_options.json</c>.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Peak learning rate of AdamW, reached after warmup. Default 1e-4.</summary>
    [JsonPropertyName("learning_rate")] public double LearningRate { get; init; } = 1e-4;

    /// <summary>Maximum number of passes over the training data; early stopping may end sooner. Default 5.</summary>
    [JsonPropertyName("num_train_epochs")] public int NumTrainEpochs { get; init; } = 5;

    /// <summary>Examples per forward pass. Default 32.</summary>
    [JsonPropertyName("per_device_train_batch_size")] public int BatchSize { get; init; } = 32;

    /// <summary>Forward passes per optimizer step; effective batch = batch size x accumulation. Default 1.</summary>
    [JsonPropertyName("gradient_accumulation_steps")] public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>Share of optimizer steps spent warming the learning rate up linearly from 0. Default 0.1.</summary>
    [JsonPropertyName("warmup_ratio")] public double WarmupRatio { get; init; } = 0.1;

    /// <summary>AdamW decoupled weight decay; biases and LayerNorm weights get none. Default 0.01.</summary>
    [JsonPropertyName("weight_decay")] public double WeightDecay { get; init; } = 0.01;

    /// <summary>Global L2 norm the gradients are clipped to; 0 disables clipping. Default 1.0.</summary>
    [JsonPropertyName("max_grad_norm")] public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Seed of the data order, the validation split, head initialisation and dropout. Default 42.</summary>
    [JsonPropertyName("seed")] public int Seed { get; init; } = 42;

    /// <summary>Maximum tokens per text, [CLS] and [SEP] included; longer texts are truncated. Default 128.</summary>
    [JsonPropertyName("max_length")] public int MaxLength { get; init; } = 128;

    /// <summary>"mean" or "cls"; null picks the base model's own pooling.</summary>
    [JsonPropertyName("pooling")] public string? Pooling { get; init; }

    /// <summary>Epochs without a better validation score before training stops; 0 disables. Default 2.</summary>
    [JsonPropertyName("early_stopping_patience")] public int EarlyStoppingPatience { get; init; } = 2;

    /// <summary>Share of the training data held out for validation when no validation file is given. Default 0.1.</summary>
    [JsonPropertyName("validation_fraction")] public double ValidationFraction { get; init; } = 0.1;

    /// <summary>
    /// "balanced" weights the loss by inverse label frequency, "none" does not, and "auto" (default) chooses
    /// balanced when the labels are far from uniform (see <see cref="ClassWeightingChoice"/>).
    /// </summary>
    [JsonPropertyName("class_weighting")] public string ClassWeighting { get; init; } = ClassWeightingChoice.Auto;

    /// <summary>Optimizer steps between two log lines. Default 20.</summary>
    [JsonPropertyName("logging_steps")] public int LoggingSteps { get; init; } = 20;

    /// <summary>
    /// Optimizer steps between two checkpoints inside an epoch; a checkpoint is also written after every epoch.
    /// 0 writes checkpoints after epochs only. Default 500.
    /// </summary>
    [JsonPropertyName("save_steps")] public int SaveSteps { get; init; } = 500;

    /// <summary>How many of the newest checkpoints are kept during a run. Default 2.</summary>
    [JsonPropertyName("save_total_limit")] public int SaveTotalLimit { get; init; } = 2;

    /// <summary>Examples per forward pass when evaluating and predicting. Default 64.</summary>
    [JsonPropertyName("per_device_eval_batch_size")] public int EvalBatchSize { get; init; } = 64;

    /// <summary>
    /// Memory in GB (10^9 bytes) that a run may plan to use; a run whose estimate is larger is rejected before
    /// training. 0 (default) allows 80% of the memory available to the process.
    /// </summary>
    [JsonPropertyName("max_memory_gb")] public double MaxMemoryGb { get; init; }

    /// <summary>"cpu" or "cuda". Default "cpu".</summary>
    [JsonPropertyName("device")] public string Device { get; init; } = "cpu";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Checks every option and reports all problems in one error, each naming its command-line option.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        // Fine-tuning rates above 1e-2 destroy pretrained weights within a few steps with AdamW.
        if (!(LearningRate > 0 && LearningRate <= 1e-2)) problems.Add($"--learning-rate must be in (0, 0.01], got {LearningRate}");
        if (NumTrainEpochs < 1) problems.Add($"--epochs must be at least 1, got {NumTrainEpochs}");
        if (BatchSize < 1) problems.Add($"--batch-size must be at least 1, got {BatchSize}");
        if (GradientAccumulationSteps < 1)
        {
            problems.Add($"--gradient-accumulation must be at least 1, got {GradientAccumulationSteps}");
        }

        if (WarmupRatio is < 0 or >= 1) problems.Add($"--warmup-ratio must be in [0, 1), got {WarmupRatio}");
        if (WeightDecay is < 0 or >= 1) problems.Add($"--weight-decay must be in [0, 1), got {WeightDecay}");
        if (MaxGradNorm < 0) problems.Add($"--max-grad-norm must be 0 (off) or positive, got {MaxGradNorm}");
        if (MaxLength is < 8 or > 512) problems.Add($"--max-length must be between 8 and 512, got {MaxLength}");
        if (Pooling is not (null or "mean" or "cls")) problems.Add($"--pooling must be mean or cls, got \"{Pooling}\"");
        if (EarlyStoppingPatience < 0) problems.Add($"--patience must be 0 (off) or positive, got {EarlyStoppingPatience}");
        if (ValidationFraction is <= 0 or >= 0.5)
        {
            problems.Add($"--validation-fraction must be in (0, 0.5), got {ValidationFraction}");
        }

        if (!(MaxMemoryGb >= 0)) problems.Add($"--max-memory-gb must be 0 (automatic) or positive, got {MaxMemoryGb}");
        if (SaveSteps < 0) problems.Add($"--save-steps must be 0 (epoch ends only) or positive, got {SaveSteps}");
        if (SaveTotalLimit < 1) problems.Add($"--save-total-limit must be at least 1, got {SaveTotalLimit}");
        if (LoggingSteps < 1) problems.Add($"--logging-steps must be at least 1, got {LoggingSteps}");
        if (EvalBatchSize < 1) problems.Add($"eval batch size must be at least 1, got {EvalBatchSize}");
        if (Device is not ("cpu" or "cuda")) problems.Add($"--device must be cpu or cuda, got \"{Device}\"");
        if (ClassWeighting is not (ClassWeightingChoice.Auto or ClassWeightingChoice.Balanced or ClassWeightingChoice.None))
        {
            problems.Add($"--class-weighting must be auto, balanced or none, got \"{ClassWeighting}\"");
        }

        if (problems.Count > 0)
        {
            throw new SuperTuneException("Invalid training options: " + string.Join("; ", problems) + ".");
        }
    }

    /// <summary>Writes the options as indented JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>Returns the options as JSON, for the run banner and metrics.jsonl.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
