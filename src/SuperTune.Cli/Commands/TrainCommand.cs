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
        var training = new TrainingCliOptions();
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
            data, validation, test, output, task, baseModel, textColumn, labelColumn, format,
        };
        foreach (var option in training.Searched.Concat(training.Fixed)) command.Options.Add(option);
        foreach (var option in new Option[] { seeds, resume, verbose, redact }) command.Options.Add(option);
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

                CommonOptions.RejectOptionsBesideResume(result, resume, verbose);
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

            var trainingOptions = training.Read(parse);
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
