using System.CommandLine;
using SuperTune.Cli.Console;
using SuperTune.Core.Data;
using SuperTune.Training.Search;

namespace SuperTune.Cli.Commands;

/// <summary>
/// <c>supertune search</c>: random or grid search over learning rate, epochs, batch size, warmup ratio and weight
/// decay with successive halving, resumable, writing results and the best settings into a search folder.
/// </summary>
internal static class SearchCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new SearchRequest { DataPath = "", OutputFolder = "" };
        var data = new Option<string?>("--data") { Description = "Training data (CSV, TSV or JSONL). Required." };
        var validation = new Option<string?>("--validation")
        {
            Description = "Validation data that ranks the trials; default: a stratified --validation-fraction of " +
                          "--data, held out once and never trained on.",
        };
        var test = new Option<string?>("--test")
        {
            Description = "Test data, scored only with the best configuration's model, after the search.",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Search folder: search.json, results.csv, results.md, score_by_learning_rate.svg, " +
                          "best_options.json, best_model/. Rerunning with the same options continues the search. " +
                          "Required.",
        };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the search in this folder with the settings it was started with. Takes no other " +
                          "option but --verbose.",
        };
        var baseModel = new Option<string?>("--base")
        {
            Description = "Encoder to fine-tune: all-MiniLM-L6-v2 (bundled, default) or a Hugging Face BERT folder.",
        };
        var strategy = new Option<string>("--strategy")
        {
            Description = "random (draw --trials trials) or grid (every combination of the values).",
            DefaultValueFactory = _ => defaults.Strategy,
        }.AcceptOnlyFromAmong(SearchRequest.RandomStrategy, SearchRequest.GridStrategy);
        var trials = new Option<int>("--trials")
        {
            Description = "Trials a random search draws, with --seed.",
            DefaultValueFactory = _ => defaults.Trials,
        };
        var minEpochs = new Option<int>("--min-epochs")
        {
            Description = "Epochs of the first successive-halving rung; each later rung multiplies them by about " +
                          "--reduction-factor, up to the largest --epochs value. At or above it, halving is off.",
            DefaultValueFactory = _ => defaults.MinEpochs,
        };
        var reductionFactor = new Option<int>("--reduction-factor")
        {
            Description = "Eta of successive halving: after each rung the best 1/eta of the trials (rounded up) " +
                          "train again with more epochs. At least 2.",
            DefaultValueFactory = _ => defaults.ReductionFactor,
        };
        var noBaseline = new Option<bool>("--no-baseline")
        {
            Description = "Leave out the baseline trial, which has the settings of --options (or the defaults) and " +
                          "which every rung keeps, so that the search never ends below it on validation.",
        };
        var space = new SearchSpaceCliOptions();
        var training = new TrainingCliOptions();
        var textColumn = CommonOptions.TextColumn();
        var labelColumn = CommonOptions.LabelColumn();
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();

        var command = new Command("search", "Search learning rate, epochs, batch size, warmup ratio and weight decay " +
                                            "for a classifier, with successive halving; resumable.")
        {
            data, validation, test, output, resume, baseModel, textColumn, labelColumn, format, strategy, trials,
            minEpochs, reductionFactor, noBaseline,
        };
        foreach (var option in space.All.Concat(training.Fixed).Append(verbose)) command.Options.Add(option);

        command.Validators.Add(result =>
        {
            if (result.GetValue(resume) is { } resumeFolder)
            {
                if (string.IsNullOrWhiteSpace(resumeFolder)) result.AddError("--resume needs a search folder.");
                CommonOptions.RejectOptionsBesideResume(result, resume, verbose);
                return;
            }

            if (result.GetValue(data) is null) result.AddError("Option '--data' is required.");
            if (result.GetValue(output) is null) result.AddError("Option '--out' is required.");
            if (result.GetValue(strategy) == SearchRequest.GridStrategy && result.GetResult(trials) is { Implicit: false })
            {
                result.AddError("--trials is for --strategy random; a grid search tries every combination.");
            }
        });

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            using var loggers = context.CreateLoggerFactory(parse.GetValue(verbose));
            using var interruption = new InterruptionSignal();
            var job = new SearchJob(loggers, monitor: ProgressLine.ForTerminal());
            var folder = parse.GetValue(resume) ?? parse.GetValue(output)!;
            try
            {
                if (parse.GetValue(resume) is not null)
                {
                    job.Resume(folder, interruption.Token);
                    return SuperTuneCommand.Success;
                }

                job.Run(new SearchRequest
                {
                    DataPath = parse.GetValue(data)!,
                    ValidationPath = parse.GetValue(validation),
                    TestPath = parse.GetValue(test),
                    OutputFolder = folder,
                    BaseModel = parse.GetValue(baseModel),
                    Data = new DataReadOptions
                    {
                        TextColumn = parse.GetValue(textColumn)!,
                        LabelColumn = parse.GetValue(labelColumn)!,
                        Format = parse.GetValue(format),
                    },
                    FixedOptions = training.ReadFixed(parse),
                    Space = space.Read(parse),
                    Strategy = parse.GetValue(strategy)!,
                    Trials = parse.GetValue(trials),
                    Baseline = !parse.GetValue(noBaseline),
                    MinEpochs = parse.GetValue(minEpochs),
                    ReductionFactor = parse.GetValue(reductionFactor),
                }, interruption.Token);
                return SuperTuneCommand.Success;
            }
            catch (OperationCanceledException)
            {
                context.Error.WriteLine($"error: interrupted; every finished training run is recorded in " +
                                        $"{Path.Combine(folder, SearchState.FileName)}.");
                context.Error.WriteLine($"hint: continue with `supertune search --resume {folder}`.");
                return SuperTuneCommand.Interrupted;
            }
        }));
        return command;
    }
}
