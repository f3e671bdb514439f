using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using SuperTune.Core.Evaluation;
using SuperTune.Training;
using SuperTune.Training.Jobs;

namespace SuperTune.Bench;

/// <summary>
/// <c>bench serving</c> runs <see cref="ServingBenchmark"/>; <c>bench retrieval</c> runs <see cref="RetrievalBenchmark"/>.
/// <c>bench abuse</c> runs <see cref="Load.AbuseBenchmark"/>, <c>bench snips</c> runs <see cref="SnipsBenchmark"/>, and
/// <c>bench fewshot</c> runs <see cref="FewShotBenchmark"/>; <c>bench search</c> runs <see cref="SearchBenchmark"/>.
/// <c>bench [banking77|sentiment] [--epochs N]</c>: fine-tunes the bundled MiniLM on a dataset from the shared data folder
/// and appends accuracy, throughput, useful FLOP/s over the measured matmul peak, and peak memory to
/// docs/benchmarks.md.
/// </summary>
public static class BenchmarkCommand
{
    public static int Run(string[] args)
    {
        var name = args.Length > 0 ? args[0] : "banking77";
        if (name == "serving") return ServingBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        if (name == "retrieval") return RetrievalBenchmark.Run(args[1..]);
        if (name == "abuse") return Load.AbuseBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        if (name == "snips") return SnipsBenchmark.Run(args[1..]);
        if (name == "fewshot") return FewShotBenchmark.Run(args[1..]);
        if (name == "search") return SearchBenchmark.Run(args[1..]);

        var (folder, description) = name switch
        {
            "banking77" => ("banking77", "Banking77, 77 intents"),
            "sentiment" => ("twitter_airline_sentiment", "Twitter US airline sentiment, 3 classes"),
            _ => (null, null),
        };
        if (folder is null)
        {
            Console.Error.WriteLine($"error: unknown benchmark \"{name}\"; use banking77, sentiment, serving, abuse, " +
                                    "retrieval, snips, fewshot or search.");
            return 2;
        }

        var dataFolder = DataLocator.Find(folder);
        if (dataFolder is null)
        {
            Console.Error.WriteLine($"error: data folder shared/data/{folder} not found beside the repository; " +
                                    "this benchmark needs it.");
            return 1;
        }

        var repository = DataLocator.RepositoryRoot();
        var output = Path.Combine(repository, "runs", "bench-" + name);
        var peakBefore = MatmulPeak.MeasureGflops();
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        }));
        var request = new TrainRequest
        {
            DataPath = Path.Combine(dataFolder, "train.csv"),
            TestPath = Path.Combine(dataFolder, "test.csv"),
            OutputFolder = output,
            Options = new TrainingOptions(),
        };
        var metrics = new FineTuneJob(loggers).Run(request);
        var peakAfter = MatmulPeak.MeasureGflops();

        var record = FormatRecord(name, description!, metrics, (peakBefore + peakAfter) / 2, peakBefore, peakAfter);
        Console.WriteLine(record);
        File.AppendAllText(Path.Combine(repository, "docs", "benchmarks.md"), record);
        return 0;
    }

    private static string FormatRecord(string name, string description, MetricsDocument metrics, double peakGflops,
        double peakBefore, double peakAfter)
    {
        var training = metrics.GetSection("training")!;
        var test = metrics.GetSection("test")!;
        double Number(IReadOnlyDictionary<string, object> section, string key) =>
            Convert.ToDouble(section[key], CultureInfo.InvariantCulture);

        // Useful work counts only real tokens: 6 FLOPs per non-embedding parameter per token (forward 2, backward 4)
        // plus, in each of the 6 layers, attention's two matmuls (2 x 2 x seq x hidden forward, tripled with the
        // backward pass). MiniLM-L6 has 6 x (4 x 384^2 + 2 x 384 x 1536) = 10.6M weights in its layers.
        const int layers = 6, hidden = 384, intermediate = 1536;
        const double layerWeights = layers * (4.0 * hidden * hidden + 2.0 * hidden * intermediate);
        var tokensPerSecond = Number(training, "tokens_per_second");
        var examplesPerSecond = Number(training, "examples_per_second");
        var meanTokens = tokensPerSecond / examplesPerSecond;
        var flopsPerToken = 6 * layerWeights + layers * 3 * 2 * 2 * meanTokens * hidden;
        var usefulGflops = tokensPerSecond * flopsPerToken / 1e9;
        var peakMemoryMb = PeakResidentMegabytes();

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n## {description} ({DateTime.UtcNow:yyyy-MM-dd})\n");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Command: `dotnet run --project bench/SuperTune.Bench -c Release -- {name}` ({Environment.ProcessorCount} cores)\n");
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| test accuracy | {Number(test, "accuracy"):P2} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| test macro F1 | {Number(test, "macro_f1"):F4} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| best epoch / epochs run | {training["best_epoch"]} / {training["epochs_run"]} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| training time | {Number(training, "seconds"):F0} s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| training throughput | {examplesPerSecond:F1} examples/s, {tokensPerSecond:F0} real tokens/s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| mean real tokens per example | {meanTokens:F1} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| padding share of batch tokens | {Number(training, "padding_fraction"):P1} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| useful training FLOP/s | {usefulGflops:F1} GFLOP/s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| fp32 matmul peak (1024^3, median; before / after) | {peakBefore:F1} / {peakAfter:F1} GFLOP/s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| useful FLOP/s over peak | {usefulGflops / peakGflops:P1} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| peak resident memory of the process | {peakMemoryMb:F0} MB |");
        return text.ToString();
    }

    private static double PeakResidentMegabytes()
    {
        // VmHWM in /proc/self/status is the process's peak resident set size, in kB (Linux only).
        var line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            : null;
        if (line is null) return double.NaN;
        var kilobytes = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kilobytes / 1024;
    }
}
