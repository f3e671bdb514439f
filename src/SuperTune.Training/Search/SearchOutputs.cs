using System.Globalization;
using System.Text;
using SuperTune.Core.Evaluation;

namespace SuperTune.Training.Search;

/// <summary>
/// Writes the files of a search folder from its state: results.csv, results.md and score_by_learning_rate.svg after
/// every run, and best_options.json at the end. Every file is replaced atomically.
/// </summary>
public static class SearchOutputs
{
    public const string ResultsCsv = "results.csv";
    public const string ResultsMarkdown = "results.md";
    public const string PlotFile = "score_by_learning_rate.svg";
    public const string BestOptionsFile = "best_options.json";
    public const string BestModelFolder = "best_model";
    public const string TestFolder = "test";

    /// <summary>Scores of the best configuration's model on the test file.</summary>
    public sealed record TestScores(double Accuracy, double MacroF1, int Examples);

    /// <summary>Writes results.csv, results.md and the plot.</summary>
    /// <param name="validationDescription">Where the validation data came from, for results.md.</param>
    /// <param name="test">Test scores of the best configuration, or null before the end or without --test.</param>
    public static void WriteResults(SearchState state, string validationDescription, TestScores? test)
    {
        var folder = state.Request.OutputFolder;
        var schedule = state.Request.Schedule;
        AtomicFile.WriteAllText(Path.Combine(folder, ResultsCsv), Csv(state));
        AtomicFile.WriteAllText(Path.Combine(folder, ResultsMarkdown),
            Markdown(state, schedule, validationDescription, test));

        var best = Best(state);
        var points = state.Results.Where(r => r.Score is not null)
            .Select(r => new LearningRatePlot.Point(r.Trial, r.Rung, state.Trial(r.Trial).LearningRate, r.Score!.Value))
            .ToList();
        var bestPoint = best is null ? null : points.Single(p => p.Trial == best.Trial && p.Rung == best.Rung);
        var space = state.Request.Space.LearningRate;
        AtomicFile.WriteAllText(Path.Combine(folder, PlotFile),
            LearningRatePlot.Render(points, schedule.RungEpochs, bestPoint, (space.Lowest, space.Highest)));
    }

    /// <summary>
    /// Returns the best run of the last rung so far, or null before any run of the last rung succeeded. At the end
    /// of a search this is its result.
    /// </summary>
    public static TrialResult? Best(SearchState state)
    {
        var lastRung = state.Request.Schedule.RungCount - 1;
        return state.Results.Where(r => r.Rung == lastRung && r.Score is not null)
            .Order(TrialResult.BestFirst)
            .FirstOrDefault();
    }

    /// <summary>Returns the options of a result: the fixed options with the trial's values and the run's epochs.</summary>
    public static TrainingOptions OptionsOf(SearchState state, TrialResult result) =>
        state.Trial(result.Trial).Apply(state.Request.FixedOptions, result.Epochs);

    private static string Csv(SearchState state)
    {
        var text = new StringBuilder(
            "trial,rung,epochs,learning_rate,num_train_epochs,per_device_train_batch_size,warmup_ratio," +
            "weight_decay,validation_macro_f1,validation_accuracy,best_epoch,seconds,note\n");
        foreach (var result in state.Results)
        {
            var trial = state.Trial(result.Trial);
            text.Append(CsvText.FormatRow(
            [
                Number(trial.Id), Number(result.Rung), Number(result.Epochs), Number(trial.LearningRate),
                Number(trial.Epochs), Number(trial.BatchSize), Number(trial.WarmupRatio), Number(trial.WeightDecay),
                Score(result.Score), Score(result.Accuracy), Number(result.BestEpoch),
                result.Seconds.ToString("F1", CultureInfo.InvariantCulture), NoteOf(state, result),
            ])).Append('\n');
        }

        return text.ToString();
    }

    private static string Markdown(SearchState state, HalvingSchedule schedule, string validationDescription,
        TestScores? test)
    {
        var request = state.Request;
        var report = new ReportWriter("Hyperparameter search")
            .AddSummary("Training data", request.DataPath)
            .AddSummary("Validation data", validationDescription)
            .AddSummary("Strategy", StrategyText(state))
            .AddSummary("Successive halving", schedule.RungCount == 1
                ? "off (one rung: every trial trains its own epochs)"
                : $"rungs of {string.Join(", ", schedule.RungEpochs)} epochs; the best 1/{schedule.ReductionFactor} " +
                  "of each rung train again with the next rung's epochs")
            .AddSummary("Score", "validation macro F1 of each run's best epoch; accuracy, then the trial number, " +
                                 "break ties")
            .AddSummary("Runs finished", $"{state.Results.Count} of {PlannedRuns(state)} planned");

        var best = Best(state);
        if (best is not null)
        {
            var verb = state.Finished ? "Best" : "Best so far";
            report.AddSummary(verb, $"trial {best.Trial}, validation macro F1 {best.Score:F4}, accuracy {best.Accuracy:P2}");
        }

        if (test is not null)
        {
            report.AddSummary("Test (best configuration only)",
                $"accuracy {test.Accuracy:P2}, macro F1 {test.MacroF1:F4} on {test.Examples} examples ({TestFolder}/)");
        }

        if (state.Finished && best is not null)
        {
            report.AddSection("Using the best configuration", UsageText(request, best));
        }

        return report
            .AddSection("Search space", SpaceTable(request.Space))
            .AddSection("Runs, last rung first, best first within a rung", RunsTable(state))
            .AddSection("Validation macro F1 by learning rate", $"![Validation macro F1 by learning rate]({PlotFile})")
            .ToMarkdown();
    }

    private static int PlannedRuns(SearchState state) =>
        state.Request.Schedule.PlannedRuns(state.Trials.Count, state.BaselineTrial is not null);

    private static string StrategyText(SearchState state)
    {
        var request = state.Request;
        var text = request.Strategy == SearchRequest.GridStrategy
            ? $"grid of {TrialSampler.Grid(request.Space).Count} combinations"
            : $"random, {request.Trials} trials drawn with seed {request.FixedOptions.Seed}";
        return state.BaselineTrial is not { } baseline
            ? text
            : $"{text}; trial {baseline} is the baseline (the settings of `--options`, or the defaults), which " +
              "every rung keeps";
    }

    /// <summary>Returns the note of a result for the tables, marking the baseline trial.</summary>
    private static string NoteOf(SearchState state, TrialResult result) =>
        result.Trial != state.BaselineTrial ? result.Note
        : result.Note.Length == 0 ? "baseline"
        : $"baseline; {result.Note}";

    private static string UsageText(SearchRequest request, TrialResult best)
    {
        return $"`{BestModelFolder}/` is the model folder of trial {best.Trial}, trained on the training split, and " +
               $"`{BestOptionsFile}` contains its settings. To train them on other data:\n\n" +
               $"```\nsupertune train --options {Path.Combine(request.OutputFolder, BestOptionsFile)} --mode standard " +
               "--data DATA --out MODEL\n```\n";
    }

    private static string SpaceTable(SearchSpace space)
    {
        var lines = new List<string> { "| setting | option | values |", "|---|---|---|" };
        foreach (var (name, option) in SearchSpace.Settings) lines.Add($"| {name} | `{option}` | {space.Get(name)} |");
        return string.Join('\n', lines);
    }

    private static string RunsTable(SearchState state)
    {
        var lines = new List<string>
        {
            "| trial | rung | epochs | learning_rate | num_train_epochs | batch size | warmup_ratio | weight_decay | " +
            "validation macro F1 | validation accuracy | best epoch | seconds | note |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        };
        var ordered = state.Results.OrderByDescending(r => r.Rung).ThenBy(r => r, TrialResult.BestFirst);
        foreach (var result in ordered)
        {
            var trial = state.Trial(result.Trial);
            var note = NoteOf(state, result).Replace("|", "\\|").ReplaceLineEndings(" ");
            lines.Add($"| {trial.Id} | {result.Rung} | {result.Epochs} | {Number(trial.LearningRate)} | {trial.Epochs} | " +
                      $"{trial.BatchSize} | {Number(trial.WarmupRatio)} | {Number(trial.WeightDecay)} | " +
                      $"{Score(result.Score)} | {Score(result.Accuracy)} | {result.BestEpoch} | " +
                      $"{result.Seconds.ToString("F0", CultureInfo.InvariantCulture)} | {note} |");
        }

        return string.Join('\n', lines);
    }

    private static string Number(double value) =>
        value.ToString("G", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    private static string Score(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "";
}
