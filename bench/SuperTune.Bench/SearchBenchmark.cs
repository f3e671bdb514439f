using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using SuperTune.Core.Data;
using SuperTune.Core.Evaluation;
using SuperTune.Training;
using SuperTune.Training.FewShot;
using SuperTune.Training.Jobs;
using SuperTune.Training.Search;

namespace SuperTune.Bench;

/// <summary>
/// <c>bench search [--quick] [--trials N] [--per-label N | --all-data]</c>: runs <c>supertune search</c> on Banking77
/// with trials trained on a stratified subset of train.csv, then trains the default settings and the best settings on
/// the rest of train.csv (on the subset with <c>--quick</c>) and compares both on test.csv. With <c>--all-data</c> the
/// trials train on all of train.csv outside validation, so the search's best model is the final one and only the
/// defaults train again (unless they won). The validation split is held out of train.csv before anything else, so
/// neither the search nor the final models train on it. Appends the comparison to docs/benchmarks.md, except with
/// <c>--quick</c>, a pipeline check on a few examples per intent that takes minutes.
/// </summary>
public static class SearchBenchmark
{
    private const int Seed = 42;

    /// <summary>The budget of one benchmark run.</summary>
    /// <param name="TrainPerLabel">Trial texts per intent, or null for all of train.csv outside validation.</param>
    /// <param name="ValidationPerLabel">Validation texts per intent, or null for 10 % of train.csv.</param>
    /// <param name="TestPerLabel">Test texts per intent, or null for all of test.csv.</param>
    /// <param name="FinalEpochs">Epochs of both final models, or null for those of their settings.</param>
    /// <param name="FinalOnSubset">Whether the final models train on the trials' subset instead of the rest.</param>
    private sealed record Budget(int Trials, int? TrainPerLabel, int? ValidationPerLabel, int? TestPerLabel,
        SearchSpace Space, int? FinalEpochs, bool FinalOnSubset);

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var budget = quick
            ? new Budget(3, 5, 2, 2, new SearchSpace { Epochs = ParameterRange.Choices(1, 2) }, 1, FinalOnSubset: true)
            : new Budget(12, 40, null, null, new SearchSpace(), null, FinalOnSubset: false);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var number)
                        && number > 0
                ? number
                : (int?)null;
            switch (args[i])
            {
                case "--quick": break;
                case "--all-data" when !quick:
                    budget = budget with { TrainPerLabel = null };
                    break;
                case "--trials" when value is not null:
                    budget = budget with { Trials = value.Value };
                    i++;
                    break;
                case "--per-label" when value is not null:
                    budget = budget with { TrainPerLabel = value.Value };
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"error: invalid option {args[i]}; use --quick, --trials N, and " +
                                            "--per-label N (N a positive whole number) or --all-data.");
                    return 2;
            }
        }

        var dataFolder = DataLocator.Find("banking77");
        if (dataFolder is null)
        {
            Console.Error.WriteLine("error: data folder shared/data/banking77 not found beside the repository; " +
                                    "this benchmark needs it.");
            return 1;
        }

        var repository = DataLocator.RepositoryRoot();
        var runName = "bench-search";
        if (quick) runName = "bench-search-quick";
        else if (budget.TrainPerLabel is null) runName = "bench-search-all";
        var output = Path.Combine(repository, "runs", runName);
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }));

        var files = WriteData(dataFolder, Path.Combine(output, "data"), budget);
        var allData = budget.TrainPerLabel is null;
        var searchFolder = Path.Combine(output, "search");
        var clock = Stopwatch.StartNew();
        var state = new SearchJob(loggers).Run(new SearchRequest
        {
            DataPath = files.Subset,
            ValidationPath = files.Validation,
            // With all the data, the search's best model is a final model, so the search scores it on test.csv.
            TestPath = allData ? files.Test : null,
            OutputFolder = searchFolder,
            Space = budget.Space,
            Trials = budget.Trials,
            FixedOptions = new TrainingOptions { Seed = Seed },
        });
        var searchSeconds = clock.Elapsed.TotalSeconds;

        // Both final models train on train.csv outside the validation split (on the subset with --quick), with the
        // same validation and test data.
        var best = SearchOutputs.OptionsOf(state, SearchOutputs.Best(state)!);
        var defaults = new TrainingOptions { Seed = Seed };
        if (budget.FinalEpochs is { } epochs)
        {
            (best, defaults) = (best with { NumTrainEpochs = epochs }, defaults with { NumTrainEpochs = epochs });
        }

        var job = new FineTuneJob(loggers);
        MetricsDocument Train(string name, TrainingOptions options) => job.Run(new TrainRequest
        {
            DataPath = budget.FinalOnSubset ? files.Subset : files.Rest,
            ValidationPath = files.Validation,
            TestPath = files.Test,
            OutputFolder = Path.Combine(output, name),
            Options = options,
            Mode = TrainingModes.Standard,
        });
        var bestMetrics = allData ? SearchBestMetrics(searchFolder) : null;
        var defaultMetrics = best == defaults && bestMetrics is not null ? bestMetrics : Train("defaults", defaults);
        // When the baseline wins, the best settings are the defaults, and a second run with the seed would repeat it.
        bestMetrics ??= best == defaults ? defaultMetrics : Train("best", best);

        var record = FormatRecord(args, budget, files, state, searchSeconds, (defaults, defaultMetrics),
            (best, bestMetrics));
        Console.WriteLine(record);
        if (quick)
        {
            Console.WriteLine($"--quick: nothing was appended to docs/benchmarks.md; the runs are in {output}.");
        }
        else
        {
            File.AppendAllText(Path.Combine(repository, "docs", "benchmarks.md"), record);
        }

        return 0;
    }

    /// <summary>
    /// Returns the metrics of the search's best model, with its test scores (the evaluation the search ran on
    /// test.csv) as the test section, the way a training run with a test file records them.
    /// </summary>
    private static MetricsDocument SearchBestMetrics(string searchFolder)
    {
        var metrics = MetricsDocument.Load(Path.Combine(searchFolder, SearchOutputs.BestModelFolder, "metrics.json"));
        var test = MetricsDocument.Load(Path.Combine(searchFolder, SearchOutputs.TestFolder, "metrics.json"));
        metrics.SetSection("test", test.GetSection("evaluation")!);
        return metrics;
    }

    /// <summary>The benchmark's data files and their sizes.</summary>
    private sealed record DataFiles(string Subset, string Rest, string Validation, string Test, int SubsetCount,
        int RestCount, int ValidationCount, int TestCount);

    /// <summary>
    /// Holds out the validation split of train.csv (10 %, or a few per intent with --quick), then draws the trials'
    /// subset per intent from the rest, or takes all of the rest with --all-data. Every draw is stratified and seeded,
    /// so a rerun writes the same files and the search in the output folder continues instead of starting over.
    /// </summary>
    private static DataFiles WriteData(string dataFolder, string folder, Budget budget)
    {
        var train = DatasetReader.Read(Path.Combine(dataFolder, "train.csv"), new DataReadOptions());
        var testPath = Path.Combine(dataFolder, "test.csv");
        var (rest, validation) = StratifiedSplit.Split(train.Examples, 0.1, Seed);
        if (budget.ValidationPerLabel is { } perLabel) (validation, rest) = SplitPerLabel(train.Examples, perLabel);
        var subset = budget.TrainPerLabel is { } trainPerLabel ? SplitPerLabel(rest, trainPerLabel).Taken : rest;
        var testCount = DatasetReader.Read(testPath, new DataReadOptions()).Examples.Count;
        if (budget.TestPerLabel is { } testPerLabel)
        {
            var (test, _) = SplitPerLabel(DatasetReader.Read(testPath, new DataReadOptions()).Examples, testPerLabel);
            testPath = Path.Combine(folder, "test.csv");
            LabeledCsvWriter.Write(testPath, test);
            testCount = test.Count;
        }

        var files = new DataFiles(Path.Combine(folder, "subset.csv"), Path.Combine(folder, "rest.csv"),
            Path.Combine(folder, "validation.csv"), testPath, subset.Count, rest.Count, validation.Count, testCount);
        LabeledCsvWriter.Write(files.Subset, subset);
        LabeledCsvWriter.Write(files.Rest, rest);
        LabeledCsvWriter.Write(files.Validation, validation);
        return files;
    }

    /// <summary>Returns <paramref name="count"/> seeded random examples of every label, and the others.</summary>
    private static (IReadOnlyList<TextExample> Taken, IReadOnlyList<TextExample> Others) SplitPerLabel(
        IReadOnlyList<TextExample> examples, int count)
    {
        var random = new Random(Seed);
        var taken = new HashSet<TextExample>(ReferenceEqualityComparer.Instance);
        foreach (var group in examples.GroupBy(e => e.Label!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var shuffled = group.ToArray();
            random.Shuffle(shuffled);
            foreach (var example in shuffled.Take(count)) taken.Add(example);
        }

        return (examples.Where(taken.Contains).ToList(), examples.Where(e => !taken.Contains(e)).ToList());
    }

    private static string FormatRecord(string[] args, Budget budget, DataFiles files, SearchState state,
        double searchSeconds, (TrainingOptions Options, MetricsDocument Metrics) defaults,
        (TrainingOptions Options, MetricsDocument Metrics) best)
    {
        var schedule = state.Request.Schedule;
        var bestResult = SearchOutputs.Best(state)!;
        var trained = state.Results.Count(r => r.ReusedFromRung is null);
        string Metric((TrainingOptions Options, MetricsDocument Metrics) run, string section, string key, string format) =>
            Convert.ToDouble(run.Metrics.GetSection(section)![key], CultureInfo.InvariantCulture)
                .ToString(format, CultureInfo.InvariantCulture);
        string Row(string measure, Func<(TrainingOptions Options, MetricsDocument Metrics), string> value) =>
            $"| {measure} | {value(defaults)} | {value(best)} |\n";

        var text = new StringBuilder();
        var command = $"dotnet run --project bench/SuperTune.Bench -c Release -- search {string.Join(' ', args)}".TrimEnd();
        text.Append(CultureInfo.InvariantCulture, $"\n## Hyperparameter search on Banking77 ({DateTime.UtcNow:yyyy-MM-dd})\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Command: `{command}` ({Environment.ProcessorCount} cores)\n\n");
        var space = budget.Space.Epochs.Highest == new SearchSpace().Epochs.Highest
            ? "the default search space"
            : $"the default search space with epochs {budget.Space.Epochs}";
        text.Append(CultureInfo.InvariantCulture,
            $"Budget: {budget.Trials} random trials (seed {Seed}) over {space} and a baseline trial with the default ");
        text.Append("settings, successive halving with rungs of ");
        text.Append(CultureInfo.InvariantCulture,
            $"{string.Join(", ", schedule.RungEpochs)} epochs keeping the best 1/{schedule.ReductionFactor} ");
        text.Append("and the baseline, ");
        if (budget.TrainPerLabel is { } perLabel)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{trained} training runs on a stratified {perLabel} texts per intent of train.csv ");
            text.Append(CultureInfo.InvariantCulture, $"({files.SubsetCount:N0} texts), {searchSeconds / 60:F0} min. ");
            text.Append(CultureInfo.InvariantCulture,
                $"Validation: {files.ValidationCount:N0} texts of train.csv held out before the subset was drawn, ");
            text.Append("the same for every run below. The two final models train on the ");
            text.Append(CultureInfo.InvariantCulture,
                $"{(budget.FinalOnSubset ? files.SubsetCount : files.RestCount):N0} texts of train.csv outside ");
            text.Append(CultureInfo.InvariantCulture,
                $"validation and are scored on test.csv ({files.TestCount:N0} texts); the search never sees the ");
            text.Append("test data. ");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{trained} training runs on all {files.SubsetCount:N0} texts of train.csv outside validation, ");
            text.Append(CultureInfo.InvariantCulture,
                $"{searchSeconds / 60:F0} min. Validation: {files.ValidationCount:N0} texts of train.csv held out ");
            text.Append("first, the same for every run. The best column is the search's best model; the default ");
            text.Append("column trains the defaults again on the same data with the same seed, which repeats the ");
            text.Append(CultureInfo.InvariantCulture,
                $"baseline trial's last run. Both are scored on test.csv ({files.TestCount:N0} texts), which chooses ");
            text.Append("nothing. ");
        }

        string Epochs(TrialResult result) => result.Epochs == 1 ? "1 epoch" : $"{result.Epochs} epochs";
        text.Append(CultureInfo.InvariantCulture,
            $"Best trial: {bestResult.Trial}, validation macro F1 {bestResult.Score:F4} after {Epochs(bestResult)}");
        if (budget.TrainPerLabel is not null) text.Append(" on the subset");
        var lastRung = schedule.RungCount - 1;
        if (state.BaselineTrial is { } baseline && state.Find(baseline, lastRung) is { Score: not null } kept)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"; the baseline trial {baseline} (the default settings, kept by every rung): {kept.Score:F4} ");
            text.Append(CultureInfo.InvariantCulture, $"after {Epochs(kept)}");
        }

        text.Append(best.Options == defaults.Options
            ? ". No trial beat the baseline, so the best settings are the defaults and one final model serves both " +
              "columns.\n\n"
            : ".\n\n");
        text.Append("| measure | default settings | best of the search |\n|---|---:|---:|\n");
        text.Append(Row("learning rate", r => r.Options.LearningRate.ToString("G3", CultureInfo.InvariantCulture)));
        text.Append(Row("epochs (maximum) / batch size", r => $"{r.Options.NumTrainEpochs} / {r.Options.BatchSize}"));
        text.Append(Row("warmup ratio / weight decay", r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Options.WarmupRatio} / {r.Options.WeightDecay}")));
        text.Append(Row("validation macro F1", r => Metric(r, "validation", "macro_f1", "F4")));
        text.Append(Row("test accuracy", r => Metric(r, "test", "accuracy", "P2")));
        text.Append(Row("test macro F1", r => Metric(r, "test", "macro_f1", "F4")));
        text.Append(Row("best epoch / epochs run", r =>
            $"{r.Metrics.GetSection("training")!["best_epoch"]} / {r.Metrics.GetSection("training")!["epochs_run"]}"));
        text.Append(Row("training time", r => Metric(r, "training", "seconds", "F0") + " s"));
        return text.ToString();
    }
}
