using System.CommandLine;
using SuperTune.Cli.Console;
using SuperTune.Core.Data;
using SuperTune.Training;
using SuperTune.Training.Jobs;

namespace SuperTune.Cli.Commands;

/// <summary><c>supertune train</c>: fine-tune a base encoder into a classifier and write its model folder.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new TrainingOptions();
        var data = new Option<string>("--data") { Description = "Training data (CSV, TSV or JSONL).", Required = true };
        var validation = new Option<string?>("--validation")
        {
            Description = "Validation data; default: a stratified share of --data (see --validation-fraction).",
        };
        var test = new Option<string?>("--test") { Description = "Test data, scored once after training." };
        var output = new Option<string>("--out") { Description = "Model folder to write.", Required = true };
        var baseModel = new Option<string?>("--base")
        {
            Description = "Encoder to fine-tune: all-MiniLM-L6-v2 (bundled, default) or a Hugging Face BERT folder " +
                          "with config.json, model.safetensors and vocab.txt.",
        };
        var epochs = new Option<int>("--epochs")
        {
            Description = "Maximum passes over the training data.",
            DefaultValueFactory = _ => defaults.NumTrainEpochs,
        };
        var learningRate = new Option<double>("--learning-rate", "--lr")
        {
            Description = "Peak AdamW learning rate after warmup.",
            DefaultValueFactory = _ => defaults.LearningRate,
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Examples per forward pass.",
            DefaultValueFactory = _ => defaults.BatchSize,
        };
        var accumulation = new Option<int>("--gradient-accumulation")
        {
            Description = "Forward passes per optimizer step; effective batch = batch size x this.",
            DefaultValueFactory = _ => defaults.GradientAccumulationSteps,
        };
        var warmup = new Option<double>("--warmup-ratio")
        {
            Description = "Share of steps with a linearly rising learning rate.",
            DefaultValueFactory = _ => defaults.WarmupRatio,
        };
        var weightDecay = new Option<double>("--weight-decay")
        {
            Description = "AdamW weight decay (not on biases and LayerNorm).",
            DefaultValueFactory = _ => defaults.WeightDecay,
        };
        var maxGradNorm = new Option<double>("--max-grad-norm")
        {
            Description = "Clip the global gradient norm to this; 0 turns clipping off.",
            DefaultValueFactory = _ => defaults.MaxGradNorm,
        };
        var maxLength = new Option<int>("--max-length")
        {
            Description = "Maximum tokens per text including [CLS] and [SEP]; longer texts are truncated and counted.",
            DefaultValueFactory = _ => defaults.MaxLength,
        };
        var pooling = new Option<string?>("--pooling")
        {
            Description = "Sentence vector for the head: mean (of token states) or cls (pooler). Default: the base " +
                          "model's own (mean for sentence-transformers models).",
        }.AcceptOnlyFromAmong("mean", "cls");
        var patience = new Option<int>("--patience")
        {
            Description = "Stop after this many epochs without a better validation macro F1; 0 never stops early.",
            DefaultValueFactory = _ => defaults.EarlyStoppingPatience,
        };
        var validationFraction = new Option<double>("--validation-fraction")
        {
            Description = "Share of --data held out when --validation is absent.",
            DefaultValueFactory = _ => defaults.ValidationFraction,
        };
        var classWeighting = new Option<string>("--class-weighting")
        {
            Description = "Weight the loss by inverse label frequency: balanced, none, or auto (balanced when the " +
                          "labels are far from uniform).",
            DefaultValueFactory = _ => defaults.ClassWeighting,
        }.AcceptOnlyFromAmong(ClassWeightingChoice.Auto, ClassWeightingChoice.Balanced, ClassWeightingChoice.None);
        var seed = new Option<int>("--seed")
        {
            Description = "Seed for the split, data order, head initialisation and dropout.",
            DefaultValueFactory = _ => defaults.Seed,
        };
        var loggingSteps = new Option<int>("--logging-steps")
        {
            Description = "Optimizer steps between log lines.",
            DefaultValueFactory = _ => defaults.LoggingSteps,
        };
        var textColumn = CommonOptions.TextColumn();
        var labelColumn = CommonOptions.LabelColumn();
        var format = CommonOptions.Format();
        var task = CommonOptions.Task();
        var device = CommonOptions.Device();
        var verbose = CommonOptions.Verbose();
        var redact = new Option<bool>("--redact")
        {
            Description = "Replace personal data (e-mail, phone, card, IBAN, URL, IP) in every text before training, " +
                          "as `supertune redact` does; with --task entities, gold entities are kept.",
        };

        var command = new Command("train", "Fine-tune a pretrained encoder on labelled texts and write a model folder.")
        {
            data, validation, test, output, task, baseModel, textColumn, labelColumn, format, epochs, learningRate,
            batchSize, accumulation, warmup, weightDecay, maxGradNorm, maxLength, pooling, patience,
            validationFraction, classWeighting, seed, loggingSteps, device, verbose, redact,
        };

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            var request = new TrainRequest
            {
                DataPath = parse.GetValue(data)!,
                ValidationPath = parse.GetValue(validation),
                TestPath = parse.GetValue(test),
                OutputFolder = parse.GetValue(output)!,
                BaseModel = parse.GetValue(baseModel),
                Data = new DataReadOptions
                {
                    TextColumn = parse.GetValue(textColumn)!,
                    LabelColumn = parse.GetValue(labelColumn)!,
                    Format = parse.GetValue(format),
                },
                Options = new TrainingOptions
                {
                    NumTrainEpochs = parse.GetValue(epochs),
                    LearningRate = parse.GetValue(learningRate),
                    BatchSize = parse.GetValue(batchSize),
                    GradientAccumulationSteps = parse.GetValue(accumulation),
                    WarmupRatio = parse.GetValue(warmup),
                    WeightDecay = parse.GetValue(weightDecay),
                    MaxGradNorm = parse.GetValue(maxGradNorm),
                    MaxLength = parse.GetValue(maxLength),
                    Pooling = parse.GetValue(pooling),
                    EarlyStoppingPatience = parse.GetValue(patience),
                    ValidationFraction = parse.GetValue(validationFraction),
                    ClassWeighting = parse.GetValue(classWeighting)!,
                    Seed = parse.GetValue(seed),
                    LoggingSteps = parse.GetValue(loggingSteps),
                    Device = parse.GetValue(device)!,
                },
            };

            using var loggers = context.CreateLoggerFactory(parse.GetValue(verbose));
            using var interruption = new InterruptionSignal();
            using var redaction = parse.GetValue(redact) ? new RedactionSetup(null, false, "cpu") : null;
            if (parse.GetValue(task) == "entities")
            {
                new EntityFineTuneJob(loggers, ProgressLine.ForTerminal())
                    .Run(request, redaction is null ? null : redaction.RedactTagged, interruption.Token);
            }
            else
            {
                using var redacted = redaction is null ? null : new RedactedCopies(request, redaction.Redactor);
                new FineTuneJob(loggers, ProgressLine.ForTerminal()).Run(redacted?.Request ?? request, interruption.Token);
            }

            return SuperTuneCommand.Success;
        }));
        return command;
    }
}
