using System.Text.Json.Serialization;

namespace SuperTune.Training.Search;

/// <summary>
/// The hyperparameters a search varies, under the names of <see cref="TrainingOptions"/> in training_options.json.
/// The default learning rates reach well above the 5e-5 that suits BERT-base, because small distilled encoders
/// such as MiniLM-L6 often train best near 1e-4 or higher.
/// </summary>
public sealed record SearchSpace
{
    /// <summary>Peak AdamW learning rate. Default log-uniform from 2e-5 to 5e-4, 4 grid points.</summary>
    [JsonPropertyName("learning_rate")]
    public ParameterRange LearningRate { get; init; } = ParameterRange.Between(2e-5, 5e-4, log: true, gridPoints: 4);

    /// <summary>
    /// Epochs of a fully trained trial; successive halving trains fewer in its early rungs. Default 3 or 5.
    /// </summary>
    [JsonPropertyName("num_train_epochs")]
    public ParameterRange Epochs { get; init; } = ParameterRange.Choices(3, 5);

    /// <summary>Examples per forward pass. Default 16 or 32.</summary>
    [JsonPropertyName("per_device_train_batch_size")]
    public ParameterRange BatchSize { get; init; } = ParameterRange.Choices(16, 32);

    /// <summary>Share of optimizer steps spent warming up. Default 0 or 0.1.</summary>
    [JsonPropertyName("warmup_ratio")]
    public ParameterRange WarmupRatio { get; init; } = ParameterRange.Choices(0, 0.1);

    /// <summary>AdamW weight decay. Default 0 or 0.01.</summary>
    [JsonPropertyName("weight_decay")]
    public ParameterRange WeightDecay { get; init; } = ParameterRange.Choices(0, 0.01);

    /// <summary>The JSON name and command-line option of each setting, in the order of the results table.</summary>
    public static IReadOnlyList<(string Name, string Option)> Settings { get; } =
    [
        ("learning_rate", "--learning-rates"),
        ("num_train_epochs", "--epochs"),
        ("per_device_train_batch_size", "--batch-sizes"),
        ("warmup_ratio", "--warmup-ratios"),
        ("weight_decay", "--weight-decays"),
    ];

    /// <summary>The largest epoch count of any trial: the epochs of the last successive-halving rung.</summary>
    [JsonIgnore] public int MaxEpochs => (int)Epochs.Highest;

    /// <summary>Returns the range of the setting with JSON name <paramref name="name"/>.</summary>
    public ParameterRange Get(string name) => name switch
    {
        "learning_rate" => LearningRate,
        "num_train_epochs" => Epochs,
        "per_device_train_batch_size" => BatchSize,
        "warmup_ratio" => WarmupRatio,
        "weight_decay" => WeightDecay,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a searched setting"),
    };

    /// <summary>Returns a copy with the setting named <paramref name="name"/> replaced by <paramref name="range"/>.</summary>
    public SearchSpace With(string name, ParameterRange range) => name switch
    {
        "learning_rate" => this with { LearningRate = range },
        "num_train_epochs" => this with { Epochs = range },
        "per_device_train_batch_size" => this with { BatchSize = range },
        "warmup_ratio" => this with { WarmupRatio = range },
        "weight_decay" => this with { WeightDecay = range },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a searched setting"),
    };

    /// <summary>Returns whether the setting named <paramref name="name"/> takes whole numbers only.</summary>
    public static bool IsInteger(string name) => name is "num_train_epochs" or "per_device_train_batch_size";

    /// <summary>Returns one message per invalid part of the space; the same limits as <see cref="TrainingOptions.Validate"/>.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, option) in Settings)
        {
            var (isValid, validText) = Limits(name);
            Get(name).Validate($"{name} ({option})", IsInteger(name), isValid, validText, problems);
        }

        return problems;
    }

    private static (Func<double, bool> IsValid, string Text) Limits(string name) => name switch
    {
        "learning_rate" => (v => v > 0 && v <= 1e-2, "in (0, 0.01]"),
        "num_train_epochs" => (v => v is >= 1 and <= 1000, "between 1 and 1000"),
        "per_device_train_batch_size" => (v => v is >= 1 and <= 65536, "between 1 and 65536"),
        _ => (v => v is >= 0 and < 1, "in [0, 1)"),
    };
}
