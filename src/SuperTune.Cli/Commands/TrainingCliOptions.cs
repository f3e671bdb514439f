using System.CommandLine;
using SuperTune.Training;

namespace SuperTune.Cli.Commands;

/// <summary>
/// The options that set <see cref="TrainingOptions"/>, and <c>--options FILE</c>, which reads them from JSON. An
/// option given on the command line overrides the file; an option left out keeps the file's value, or the default.
/// </summary>
internal sealed class TrainingCliOptions
{
    private static readonly TrainingOptions Defaults = new();

    private readonly Option<string?> optionsFile = new("--options")
    {
        Description = "JSON file of training settings, as in a model folder's training_options.json or the " +
                      "best_options.json of `supertune search`; options given on the command line override it.",
    };

    private readonly Option<int> epochs = new("--epochs")
    {
        Description = "Maximum passes over the training data.",
        DefaultValueFactory = _ => Defaults.NumTrainEpochs,
    };

    private readonly Option<double> learningRate = new("--learning-rate", "--lr")
    {
        Description = "Peak AdamW learning rate after warmup.",
        DefaultValueFactory = _ => Defaults.LearningRate,
    };

    private readonly Option<int> batchSize = new("--batch-size")
    {
        Description = "Examples per forward pass.",
        DefaultValueFactory = _ => Defaults.BatchSize,
    };

    private readonly Option<double> warmup = new("--warmup-ratio")
    {
        Description = "Share of steps with a linearly rising learning rate.",
        DefaultValueFactory = _ => Defaults.WarmupRatio,
    };

    private readonly Option<double> weightDecay = new("--weight-decay")
    {
        Description = "AdamW weight decay (not on biases and LayerNorm).",
        DefaultValueFactory = _ => Defaults.WeightDecay,
    };

    private readonly Option<int> accumulation = new("--gradient-accumulation")
    {
        Description = "Forward passes per optimizer step; effective batch = batch size x this.",
        DefaultValueFactory = _ => Defaults.GradientAccumulationSteps,
    };

    private readonly Option<double> maxGradNorm = new("--max-grad-norm")
    {
        Description = "Clip the global gradient norm to this; 0 turns clipping off.",
        DefaultValueFactory = _ => Defaults.MaxGradNorm,
    };

    private readonly Option<int> maxLength = new("--max-length")
    {
        Description = "Maximum tokens per text including [CLS] and [SEP]; longer texts are truncated and counted.",
        DefaultValueFactory = _ => Defaults.MaxLength,
    };

    private readonly Option<string?> pooling = new Option<string?>("--pooling")
    {
        Description = "Sentence vector for the head: mean (of token states) or cls (pooler). Default: the base " +
                      "model's own (mean for sentence-transformers models).",
    }.AcceptOnlyFromAmong("mean", "cls");

    private readonly Option<int> patience = new("--patience")
    {
        Description = "Stop after this many epochs without a better validation macro F1; 0 never stops early.",
        DefaultValueFactory = _ => Defaults.EarlyStoppingPatience,
    };

    private readonly Option<double> validationFraction = new("--validation-fraction")
    {
        Description = "Share of --data held out when --validation is absent.",
        DefaultValueFactory = _ => Defaults.ValidationFraction,
    };

    private readonly Option<string> classWeighting = new Option<string>("--class-weighting")
    {
        Description = "Weight the loss by inverse label frequency: balanced, none, or auto (balanced when the " +
                      "labels are far from uniform).",
        DefaultValueFactory = _ => Defaults.ClassWeighting,
    }.AcceptOnlyFromAmong(ClassWeightingChoice.Auto, ClassWeightingChoice.Balanced, ClassWeightingChoice.None);

    private readonly Option<int> seed = new("--seed")
    {
        Description = "Seed for the split, data order, head initialisation and dropout.",
        DefaultValueFactory = _ => Defaults.Seed,
    };

    private readonly Option<int> loggingSteps = new("--logging-steps")
    {
        Description = "Optimizer steps between log lines.",
        DefaultValueFactory = _ => Defaults.LoggingSteps,
    };

    private readonly Option<int> saveSteps = new("--save-steps")
    {
        Description = "Optimizer steps between checkpoints inside an epoch (one is also written after each " +
                      "epoch); 0 writes them after epochs only.",
        DefaultValueFactory = _ => Defaults.SaveSteps,
    };

    private readonly Option<int> saveTotalLimit = new("--save-total-limit")
    {
        Description = "Newest checkpoints kept while training; a finished run deletes them.",
        DefaultValueFactory = _ => Defaults.SaveTotalLimit,
    };

    private readonly Option<double> maxMemory = new("--max-memory-gb")
    {
        Description = "Memory in GB a run may plan to use; a larger estimate is rejected before training. " +
                      "0 allows 80% of the available memory.",
        DefaultValueFactory = _ => Defaults.MaxMemoryGb,
    };

    private readonly Option<string> device = CommonOptions.Device();

    /// <summary>The options that <c>supertune search</c> varies between trials.</summary>
    public IEnumerable<Option> Searched => [epochs, learningRate, batchSize, warmup, weightDecay];

    /// <summary><c>--options</c> and every option that stays fixed during a search.</summary>
    public IEnumerable<Option> Fixed =>
    [
        optionsFile, accumulation, maxGradNorm, maxLength, pooling, patience, validationFraction, classWeighting,
        seed, loggingSteps, saveSteps, saveTotalLimit, maxMemory, device,
    ];

    /// <summary>
    /// Returns the options of <c>--options</c> (or the defaults) with every option given on the command line
    /// applied over them, the searched ones included.
    /// </summary>
    public TrainingOptions Read(ParseResult parse)
    {
        var file = FromFile(parse);
        return WithFixed(parse, file) with
        {
            NumTrainEpochs = Pick(parse, epochs, file.NumTrainEpochs),
            LearningRate = Pick(parse, learningRate, file.LearningRate),
            BatchSize = Pick(parse, batchSize, file.BatchSize),
            WarmupRatio = Pick(parse, warmup, file.WarmupRatio),
            WeightDecay = Pick(parse, weightDecay, file.WeightDecay),
        };
    }

    /// <summary>
    /// Returns the options of <c>--options</c> (or the defaults) with the fixed options given on the command line
    /// applied over them. The searched settings keep the file's values.
    /// </summary>
    public TrainingOptions ReadFixed(ParseResult parse) => WithFixed(parse, FromFile(parse));

    private TrainingOptions WithFixed(ParseResult parse, TrainingOptions file) => file with
    {
        GradientAccumulationSteps = Pick(parse, accumulation, file.GradientAccumulationSteps),
        MaxGradNorm = Pick(parse, maxGradNorm, file.MaxGradNorm),
        MaxLength = Pick(parse, maxLength, file.MaxLength),
        Pooling = Pick(parse, pooling, file.Pooling),
        EarlyStoppingPatience = Pick(parse, patience, file.EarlyStoppingPatience),
        ValidationFraction = Pick(parse, validationFraction, file.ValidationFraction),
        ClassWeighting = Pick(parse, classWeighting, file.ClassWeighting),
        Seed = Pick(parse, seed, file.Seed),
        LoggingSteps = Pick(parse, loggingSteps, file.LoggingSteps),
        SaveSteps = Pick(parse, saveSteps, file.SaveSteps),
        SaveTotalLimit = Pick(parse, saveTotalLimit, file.SaveTotalLimit),
        MaxMemoryGb = Pick(parse, maxMemory, file.MaxMemoryGb),
        Device = Pick(parse, device, file.Device),
    };

    private TrainingOptions FromFile(ParseResult parse) =>
        parse.GetValue(optionsFile) is { } path ? TrainingOptionsFile.Load(path) : Defaults;

    private static T Pick<T>(ParseResult parse, Option<T> option, T fileValue) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option)! : fileValue;
}
