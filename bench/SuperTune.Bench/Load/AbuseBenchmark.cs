using System.Globalization;
using SuperTune.Core.Data;

namespace SuperTune.Bench.Load;

/// <summary>
/// <c>bench abuse --model DIR [--requests N] [--rounds N]</c>: runs <see cref="AbuseLoad"/> against the
/// standalone server on an exported model folder, with the Banking77 test texts when the shared data folder
/// is present and data/sample/test.csv otherwise, and prints the results as Markdown. The exit code is 1 when
/// a check fails, including a p99 latency under the mix above twice the unloaded p99.
/// </summary>
public static class AbuseBenchmark
{
    private const string Usage = "usage: bench abuse --model DIR [--requests N] [--rounds N]";

    /// <summary>Runs the benchmark and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        string? model = null;
        int requests = 3000, rounds = 5;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--model": model = args[i + 1]; break;
                case "--requests": requests = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"error: unknown argument {args[i]}\n{Usage}"); return 2;
            }
        }

        if (model is null || !File.Exists(Path.Combine(model, "model.onnx")))
        {
            Console.Error.WriteLine($"error: --model must name an exported model folder with model.onnx.\n{Usage}");
            return 2;
        }

        string[] texts = ReadTexts();
        string apiKey = "bench-" + Guid.NewGuid().ToString("N");
        var settings = new AbuseLoadSettings
        {
            Texts = texts,
            ApiKey = apiKey,
            ValidClients = 8,
            ValidRequests = requests,
            AbuseClients = 4,
            SlowClients = 2,
            StalledClients = 1,
            Rounds = rounds,
            InFlightAtShutdown = 8,
            PhaseLimit = TimeSpan.FromMinutes(5),
        };

        int abuseLoops = settings.AbuseClients + settings.SlowClients + settings.StalledClients;
        Console.WriteLine($"Abuse load on {model}: {rounds} rounds of {requests} valid requests alone and "
            + $"{requests} beside {abuseLoops} abuse loops, {texts.Length} texts.");
        using ServerProcess server = await ServerProcess.StartAsync(Path.GetFullPath(model), apiKey,
            logRequestText: false, threads: Environment.ProcessorCount, startLimit: TimeSpan.FromMinutes(2));
        AbuseLoadResult result = await AbuseLoad.RunAsync(server, settings);

        Console.WriteLine(result.ToMarkdown());
        List<string> problems = [.. result.Problems(textLoggingOn: false)];
        if (!(result.P99Ratio <= 2))
        {
            problems.Add($"p99 under the mix is {result.P99Ratio:F2}x the unloaded p99, above 2x");
        }

        foreach (string problem in problems)
        {
            Console.WriteLine($"FAILED: {problem}");
        }

        Console.WriteLine(problems.Count == 0 ? "All checks passed." : $"{problems.Count} checks failed.");
        return problems.Count == 0 ? 0 : 1;
    }

    private static string[] ReadTexts()
    {
        string? banking = DataLocator.Find("banking77");
        string file = banking is null
            ? Path.Combine(DataLocator.RepositoryRoot(), "data", "sample", "test.csv")
            : Path.Combine(banking, "test.csv");
        var options = new DataReadOptions { RequireLabels = false };
        return [.. DatasetReader.Read(file, options).Examples.Select(example => example.Text)];
    }
}
