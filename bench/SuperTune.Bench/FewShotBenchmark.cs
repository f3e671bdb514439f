using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using SuperTune.Core.Data;
using SuperTune.Core.Evaluation;
using SuperTune.Training;
using SuperTune.Training.FewShot;
using SuperTune.Training.Jobs;

namespace SuperTune.Bench;

/// <summary>
/// <c>bench fewshot [--shots K] [--validation-shots V] [--seeds N] [--first-seed S] [few-shot options]</c>: for
/// each of the N seeds from S (default 1), draws K
/// training and V validation texts per intent from Banking77's train.csv, trains with <c>--mode auto</c> (which picks
/// few-shot below 20 examples per label) and scores the full test.csv. Appends the mean and standard deviation of the
/// test accuracy over the seeds to docs/benchmarks.md. Seeds already finished in the run folder with the same options
/// are reused, not trained again.
/// </summary>
public static class FewShotBenchmark
{
    private const string Usage =
        "Options, each with a value: --shots, --validation-shots, --seeds, --first-seed, --run-name (folder under " +
        "runs/, default bench-fewshot), --pairs-per-example, --contrastive-epochs, --contrastive-learning-rate, " +
        "--contrastive-loss, --head-epochs, --end-to-end-epochs, --learning-rate.";

    public static int Run(string[] args)
    {
        int shots = 10, validationShots = 2, seeds = 5, firstSeed = 1;
        var fewShot = new FewShotOptions();
        var options = new TrainingOptions();
        var runName = "bench-fewshot";
        if (args.Length % 2 == 1)
        {
            Console.Error.WriteLine($"error: {args[^1]} needs a value or is not an option of bench fewshot. " + Usage);
            return 2;
        }

        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--run-name": runName = value; break;
                case "--contrastive-loss": fewShot = fewShot with { ContrastiveLoss = value }; break;
                case "--shots": shots = ParseInt(value); break;
                case "--validation-shots": validationShots = ParseInt(value); break;
                case "--seeds": seeds = ParseInt(value); break;
                case "--first-seed": firstSeed = ParseInt(value); break;
                case "--pairs-per-example": fewShot = fewShot with { PairsPerExample = ParseInt(value) }; break;
                case "--contrastive-epochs": fewShot = fewShot with { ContrastiveEpochs = ParseInt(value) }; break;
                case "--contrastive-learning-rate":
                    fewShot = fewShot with { ContrastiveLearningRate = ParseDouble(value) };
                    break;
                case "--head-epochs": fewShot = fewShot with { HeadEpochs = ParseInt(value) }; break;
                case "--end-to-end-epochs": fewShot = fewShot with { EndToEndEpochs = ParseInt(value) }; break;
                case "--learning-rate": options = options with { LearningRate = ParseDouble(value) }; break;
                default:
                    Console.Error.WriteLine($"error: unknown option {args[i]}. " + Usage);
                    return 2;
            }
        }

        try
        {
            fewShot.Validate();
        }
        catch (Core.SuperTuneException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        var dataFolder = DataLocator.Find("banking77");
        if (dataFolder is null)
        {
            Console.Error.WriteLine("error: data folder shared/data/banking77 not found beside the repository; " +
                                    "this benchmark needs it.");
            return 1;
        }

        var repository = DataLocator.RepositoryRoot();
        var runFolder = Path.Combine(repository, "runs", runName);
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }));

        // A seed whose model is finished is reused when the run folder was made with the same options, so a run
        // can go on with more seeds without training the first ones again.
        var settings = string.Join(' ', args.Chunk(2).Where(p => p[0] is not ("--seeds" or "--first-seed"))
            .Select(p => $"{p[0]} {p[1]}"));
        var settingsPath = Path.Combine(runFolder, "bench-options.txt");
        if (File.Exists(settingsPath) && File.ReadAllText(settingsPath) != settings)
        {
            Console.Error.WriteLine($"error: runs/{runName} contains seeds trained with other options " +
                                    $"(\"{File.ReadAllText(settingsPath)}\"); choose another --run-name.");
            return 2;
        }

        Directory.CreateDirectory(runFolder);
        File.WriteAllText(settingsPath, settings);
        var pool = DatasetReader.Read(Path.Combine(dataFolder, "train.csv"), new DataReadOptions());
        var runs = new List<(int Seed, MetricsDocument Metrics)>();
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            var seedFolder = Path.Combine(runFolder, "seed" + seed.ToString(CultureInfo.InvariantCulture));
            var finished = Path.Combine(seedFolder, "model", "metrics.json");
            if (File.Exists(finished))
            {
                loggers.CreateLogger("bench").LogInformation("Seed {Seed}: reusing the finished model in {Folder}",
                    seed, Path.GetDirectoryName(finished));
                runs.Add((seed, MetricsDocument.Load(finished)));
                continue;
            }

            Directory.CreateDirectory(seedFolder);
            var (train, validation) = Sample(pool.Examples, shots, validationShots, seed);
            var trainPath = Path.Combine(seedFolder, "train.csv");
            var validationPath = Path.Combine(seedFolder, "validation.csv");
            WriteCsv(trainPath, train);
            WriteCsv(validationPath, validation);

            var request = new TrainRequest
            {
                DataPath = trainPath,
                ValidationPath = validationPath,
                TestPath = Path.Combine(dataFolder, "test.csv"),
                OutputFolder = Path.Combine(seedFolder, "model"),
                Options = options with { Seed = seed },
                FewShot = fewShot,
            };
            runs.Add((seed, new FineTuneJob(loggers).Run(request)));
        }

        var record = FormatRecord(runs, shots, validationShots, args);
        Console.WriteLine(record);
        File.AppendAllText(Path.Combine(repository, "docs", "benchmarks.md"), record);
        return 0;
    }

    /// <summary>
    /// Draws <paramref name="shots"/> training and <paramref name="validationShots"/> validation texts per label,
    /// without overlap. Labels are visited in sorted order, so the same seed draws the same texts.
    /// </summary>
    private static (List<TextExample> Train, List<TextExample> Validation) Sample(IReadOnlyList<TextExample> pool,
        int shots, int validationShots, int seed)
    {
        var random = new Random(seed);
        var train = new List<TextExample>();
        var validation = new List<TextExample>();
        foreach (var group in pool.GroupBy(e => e.Label!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            train.AddRange(members.Take(shots));
            validation.AddRange(members.Skip(shots).Take(validationShots));
        }

        return (train, validation);
    }

    private static void WriteCsv(string path, IEnumerable<TextExample> examples)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.WriteLine("text,label");
        foreach (var example in examples)
        {
            writer.WriteLine($"{Quote(example.Text)},{Quote(example.Label!)}");
        }
    }

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string FormatRecord(List<(int Seed, MetricsDocument Metrics)> runs, int shots, int validationShots,
        string[] args)
    {
        double Test(MetricsDocument metrics, string key) =>
            Convert.ToDouble(metrics.GetSection("test")![key], CultureInfo.InvariantCulture);
        var accuracies = runs.Select(r => Test(r.Metrics, "accuracy")).ToList();
        var macroF1 = runs.Select(r => Test(r.Metrics, "macro_f1")).ToList();

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"\n## Banking77, {shots} training examples per intent, {runs.Count} seeds ({DateTime.UtcNow:yyyy-MM-dd})\n\n");
        var command = $"dotnet run --project bench/SuperTune.Bench -c Release -- fewshot {string.Join(' ', args)}";
        text.Append(CultureInfo.InvariantCulture, $"Command: `{command.TrimEnd()}` ({Environment.ProcessorCount} cores)\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"Each seed draws {shots} training and {validationShots} validation texts per intent from train.csv " +
            $"and scores the full test.csv (3,080 texts). `--mode auto` chose the mode named below.\n\n");
        text.Append("| seed | mode | test accuracy | test macro F1 | training time |\n|---:|---|---:|---:|---:|\n");
        foreach (var (seed, metrics) in runs)
        {
            var training = metrics.GetSection("training")!;
            var seconds = Convert.ToDouble(training["seconds"], CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture,
                $"| {seed} | {training.GetValueOrDefault("mode", "?")} | {Test(metrics, "accuracy"):P2} | ");
            text.Append(CultureInfo.InvariantCulture, $"{Test(metrics, "macro_f1"):F4} | {seconds:F0} s |\n");
        }

        text.Append(CultureInfo.InvariantCulture,
            $"| mean ± standard deviation | | {accuracies.Average():P2} ± {StandardDeviation(accuracies):P2} | ");
        text.Append(CultureInfo.InvariantCulture, $"{macroF1.Average():F4} ± {StandardDeviation(macroF1):F4} | |\n");
        return text.ToString();
    }

    // Sample standard deviation (n - 1), as numpy's std(ddof=1) computes it.
    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static int ParseInt(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static double ParseDouble(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
