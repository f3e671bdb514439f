using System.CommandLine;
using SuperTune.Core;
using SuperTune.Cli.Console;
using SuperTune.Core.Data;
using SuperTune.Training;
using SuperTune.Training.Jobs;
using SuperTune.Training.Retrieval;

namespace SuperTune.Cli.Commands;

/// <summary><c>supertune train</c>: fine-tune a base encoder into a classifier and write its model folder.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new TrainingOptions();
        var data = new Option<string?>("--data") { Description = "Training data (CSV, TSV or JSONL). Required." };
        var validation = new Option<string?>("--validation")
        {
            Description = "Validation data; default: a stratified share of --data (see --validation-fraction).",
        };
        var test = new Option<string?>("--test") { Description = "Test data, scored once after training." };
        var output = new Option<string?>("--out") { Description = "Model folder to write. Required." };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the interrupted run whose --out was this folder from its newest checkpoint, " +
                          "with the options it was started with. Takes no other option but --verbose.",
        };
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
        var saveSteps = new Option<int>("--save-steps")
        {
            Description = "Optimizer steps between checkpoints inside an epoch (one is also written after each " +
                          "epoch); 0 writes them after epochs only.",
            DefaultValueFactory = _ => defaults.SaveSteps,
        };
        var saveTotalLimit = new Option<int>("--save-total-limit")
        {
            Description = "Newest checkpoints kept while training; a finished run deletes them.",
            DefaultValueFactory = _ => defaults.SaveTotalLimit,
        };
        var maxMemory = new Option<double>("--max-memory-gb")
        {
            Description = "Memory in GB a run may plan to use; a larger estimate is rejected before training. " +
                          "0 allows 80% of the available memory.",
            DefaultValueFactory = _ => defaults.MaxMemoryGb,
        };
        var seeds = new Option<int>("--seeds")
        {
            Description = "Train this many times with seeds --seed, --seed + 1, ...; OUT/seeds/SEED holds each model " +
                          "and OUT/metrics.json the mean and standard deviation of every metric. Default 1.",
            DefaultValueFactory = _ => 1,
        };
        var textColumn = CommonOptions.TextColumn();
        var labelColumn = CommonOptions.LabelColumn();
        var format = CommonOptions.Format();
        var task = CommonOptions.Task();
        var device = CommonOptions.Device();
        var verbose = CommonOptions.Verbose();
        var outOfScope = new OutOfScopeCliOptions();
        var fewShot = new FewShotCliOptions();
        var redact = new Option<bool>("--redact")
        {
            Description = "Replace personal data (e-mail, phone, card, IBAN, URL, IP) in every text before training, " +
                          "as `supertune redact` does; with --task entities, gold entities are kept.",
        };

        var retrievalOptions = new RetrievalTrainOptions();
        var command = new Command("train", "Fine-tune a pretrained encoder on labelled texts or question/answer pairs " +
                                           "and write a model folder.")
        {
            data, validation, test, output, task, baseModel, textColumn, labelColumn, format, epochs, learningRate,
            batchSize, accumulation, warmup, weightDecay, maxGradNorm, maxLength, pooling, patience,
            validationFraction, classWeighting, seed, seeds, loggingSteps, saveSteps, saveTotalLimit, maxMemory,
            device, resume, verbose, redact,
        };
        retrievalOptions.AddTo(command);
        foreach (var option in fewShot.All.Concat(outOfScope.All)) command.Options.Add(option);

        command.Validators.Add(result =>
        {
            // --resume repeats the saved request, so any other option would be ignored; say so instead.
            if (result.GetValue(resume) is { } resumeFolder)
            {
                if (string.IsNullOrWhiteSpace(resumeFolder))
                {
                    result.AddError("--resume needs the --out folder of an interrupted training run.");
                    return;
                }

                var others = result.Children.OfType<System.CommandLine.Parsing.OptionResult>()
                    .Where(o => !o.Implicit && o.Option != resume && o.Option != verbose)
                    .Select(o => o.Option.Name)
                    .ToList();
                if (others.Count > 0)
                {
                    result.AddError($"--resume takes no other option, but {string.Join(", ", others)} was given.");
                }

                return;
            }

            if (result.GetValue(data) is null) result.AddError("Option '--data' is required.");
            if (result.GetValue(output) is null) result.AddError("Option '--out' is required.");
        });

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            if (parse.GetValue(resume) is { } runFolder)
            {
                using var resumeLoggers = context.CreateLoggerFactory(parse.GetValue(verbose));
                using var resumeInterruption = new InterruptionSignal();
                var interrupted = TrainingRunFolder.Resume(runFolder);
                if (interrupted.Request.Task == RetrievalTrainRequest.Task)
                {
                    new RetrievalFineTuneJob(resumeLoggers, ProgressLine.ForTerminal())
                        .Resume(interrupted, resumeInterruption.Token);
                }
                else if (interrupted.Request.Task == "entities")
                {
                    using var resumeRedaction = interrupted.Request.Redact
                        ? new RedactionSetup(context, null, false, "cpu")
                        : null;
                    new EntityFineTuneJob(resumeLoggers, ProgressLine.ForTerminal())
                        .Resume(interrupted, resumeRedaction is null ? null : resumeRedaction.RedactTagged,
                            resumeInterruption.Token);
                }
                else
                {
                    new FineTuneJob(resumeLoggers, ProgressLine.ForTerminal())
                        .Resume(interrupted, resumeInterruption.Token);
                }

                return SuperTuneCommand.Success;
            }

            var trainingOptions = new TrainingOptions
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
                SaveSteps = parse.GetValue(saveSteps),
                SaveTotalLimit = parse.GetValue(saveTotalLimit),
                MaxMemoryGb = parse.GetValue(maxMemory),
                Device = parse.GetValue(device)!,
            };
            using var loggers = context.CreateLoggerFactory(parse.GetValue(verbose));
            using var interruption = new InterruptionSignal();
            if (parse.GetValue(task) == "retrieval")
            {
                var retrievalRequest = new RetrievalTrainRequest
                {
                    DataPath = parse.GetValue(data)!,
                    TestPath = parse.GetValue(test),
                    OutputFolder = parse.GetValue(output)!,
                    BaseModel = parse.GetValue(baseModel),
                    CorrectionsPath = parse.GetValue(retrievalOptions.Corrections),
                    Options = trainingOptions,
                    Retrieval = retrievalOptions.Read(parse),
                };
                new RetrievalFineTuneJob(loggers, ProgressLine.ForTerminal()).Run(retrievalRequest, interruption.Token);
                return SuperTuneCommand.Success;
            }

            var request = new TrainRequest
            {
                DataPath = parse.GetValue(data)!,
                ValidationPath = parse.GetValue(validation),
                TestPath = parse.GetValue(test),
                OutputFolder = parse.GetValue(output)!,
                BaseModel = parse.GetValue(baseModel),
                OutOfScope = outOfScope.Read(parse),
                Mode = fewShot.ReadMode(parse),
                FewShot = fewShot.Read(parse),
                Data = new DataReadOptions
                {
                    TextColumn = parse.GetValue(textColumn)!,
                    LabelColumn = parse.GetValue(labelColumn)!,
                    Format = parse.GetValue(format),
                },
                Options = trainingOptions,
            };

            var seedCount = parse.GetValue(seeds);
            if (seedCount < 1) throw new SuperTuneException($"--seeds must be at least 1, got {seedCount}.");
            using var redaction = parse.GetValue(redact) ? new RedactionSetup(context, null, false, "cpu") : null;
            if (parse.GetValue(task) == "entities")
            {
                new EntityFineTuneJob(loggers, ProgressLine.ForTerminal())
                    .Run(request, redaction is null ? null : redaction.RedactTagged, interruption.Token);
                return SuperTuneCommand.Success;
            }

            using var redacted = redaction is null ? null : new RedactedCopies(request, redaction.Redactor);
            var classifierRequest = redacted?.Request ?? request;
            if (seedCount == 1)
            {
                new FineTuneJob(loggers, ProgressLine.ForTerminal()).Run(classifierRequest, interruption.Token);
            }
            else
            {
                new MultiSeedJob(loggers, ProgressLine.ForTerminal())
                    .Run(classifierRequest, seedCount, interruption.Token);
            }

            return SuperTuneCommand.Success;
        }));
        return command;
    }
}
