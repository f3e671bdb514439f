using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using SuperTune.Training.Tests;

namespace SuperTune.Cli.Tests;

/// <summary>
/// Kills <c>supertune search</c> with SIGKILL after it recorded two runs, resumes it with <c>--resume</c>, and
/// compares the result with an uninterrupted search. Runs the real program in child processes on the tiny BERT.
/// </summary>
public sealed class SearchResumeAfterKillTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("supertune-search-kill-").FullName;

    [Fact]
    public void KilledSearchResumesToSameBest()
    {
        var baseFolder = TinyBaseFolder.Create(Path.Combine(root, "base"));
        var data = TinyIntentData.Write(Path.Combine(root, "train.csv"), 10);
        string[] Arguments(string output) =>
        [
            "search", "--base", baseFolder, "--data", data, "--out", output, "--trials", "3", "--learning-rates",
            "1e-4:3e-3", "--epochs", "2", "--batch-sizes", "8", "--seed", "4", "--patience", "0", "--save-steps", "2",
            "--no-baseline",
        ];

        // Given an uninterrupted search of 4 runs (3 trials in rung 0, the best one in rung 1)
        var whole = Path.Combine(root, "whole");
        var completed = SupertuneProcess.RunToEnd(Arguments(whole));
        Assert.True(completed.ExitCode == 0, completed.Output);

        // and the same search killed once search.json records 2 runs,
        var killed = Path.Combine(root, "killed");
        var recordedAtKill = KillAfterRecordedRuns(Arguments(killed), runs: 2);

        // when it is resumed,
        var resumed = SupertuneProcess.RunToEnd(["search", "--resume", killed]);

        // then it trains only the runs not yet recorded and ends as the uninterrupted search did.
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains($"{recordedAtKill} of 4 training runs are already done", resumed.Output);
        Assert.Equal(4 - recordedAtKill, Regex.Count(resumed.Output, @"Trial \d+ rung \d+ \(run \d+ of 4\)"));
        Assert.Equal(Runs(whole), Runs(killed));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "best_options.json")),
            File.ReadAllText(Path.Combine(killed, "best_options.json")));
        Assert.True(File.ReadAllBytes(Path.Combine(whole, "best_model", "model.safetensors")).AsSpan()
            .SequenceEqual(File.ReadAllBytes(Path.Combine(killed, "best_model", "model.safetensors"))));
        Assert.False(Directory.Exists(Path.Combine(killed, "trials")), "no trial folder is left");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>Starts a search, kills it once search.json records <paramref name="runs"/> runs, and returns the count then.</summary>
    private static int KillAfterRecordedRuns(string[] arguments, int runs)
    {
        var folder = arguments[Array.IndexOf(arguments, "--out") + 1];
        using var process = SupertuneProcess.Start(arguments, out var output);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            Assert.False(process.HasExited, $"the search ended before it could be killed:\n{output}");
            if (RecordedRuns(folder) >= runs)
            {
                process.Kill(); // SIGKILL on Linux: no handler runs, nothing is cleaned up.
                process.WaitForExit();
                return RecordedRuns(folder);
            }

            Thread.Sleep(5);
        }

        process.Kill();
        throw new TimeoutException($"search.json did not record {runs} runs within 10 minutes.");
    }

    private static int RecordedRuns(string folder)
    {
        try
        {
            using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "search.json")));
            return state.RootElement.GetProperty("results").GetArrayLength();
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return 0; // not written yet
        }
    }

    /// <summary>Returns trial, rung, epochs and validation scores of every recorded run, in order.</summary>
    private static List<string> Runs(string folder)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "search.json")));
        return state.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => string.Join(" ", new[] { "trial", "rung", "epochs", "validation_macro_f1", "validation_accuracy" }
                .Select(name => r.GetProperty(name).GetRawText())))
            .ToList();
    }
}
