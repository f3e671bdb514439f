using System.Diagnostics;
using System.Text.Json;
using SuperTune.Training.Tests;
using SuperTune.Training.Tests.Retrieval;

namespace SuperTune.Cli.Tests;

/// <summary>
/// Kills a training process with SIGKILL in the middle of an epoch, resumes it with <c>--resume</c>, and compares
/// the result with an uninterrupted run of the same seed. Runs the real <c>supertune</c> program in child
/// processes on a tiny random BERT, so a kill is a real kill; about 20 s on 2 cores for the classifier. Each
/// retrieval and few-shot case took 4 to 5 s with one libtorch thread on a loaded 2-core machine.
/// </summary>
public sealed class ResumeAfterKillTests : IDisposable
{
    private static readonly string[] Intents = ["card", "refund", "password"];

    private readonly string root = Directory.CreateTempSubdirectory("supertune-resume-").FullName;

    [Fact]
    public void ResumedRunEqualsUninterruptedRun()
    {
        var baseFolder = TinyBaseFolder.Create(Path.Combine(root, "base"));
        var train = WriteData("train.csv", count: 60, seed: 1);
        var test = WriteData("test.csv", count: 24, seed: 2);
        string[] Arguments(string output) =>
        [
            "train", "--base", baseFolder, "--data", train, "--test", test, "--out", output, "--epochs", "6",
            "--batch-size", "4", "--learning-rate", "1e-3", "--patience", "0", "--save-steps", "4", "--seed", "9",
        ];

        // Given an uninterrupted run and a run killed once a checkpoint inside epoch 2 or later exists,
        var uninterrupted = Path.Combine(root, "uninterrupted");
        var completed = SupertuneProcess.RunToEnd(Arguments(uninterrupted));
        Assert.True(completed.ExitCode == 0, completed.Output);

        var killed = Path.Combine(root, "killed");
        var killedAt = KillAfterMidEpochCheckpoint(Arguments(killed), minimumEpoch: 2, stage: null);
        Assert.False(Directory.Exists(killed), "the killed run must not leave a model folder");

        // when the killed run is resumed,
        var resumed = SupertuneProcess.RunToEnd(["train", "--resume", killed]);

        // then it ends with the same weights and scores as the uninterrupted run.
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("Resumed from", resumed.Output);
        var expectedWeights = File.ReadAllBytes(Path.Combine(uninterrupted, "model.safetensors"));
        var resumedWeights = File.ReadAllBytes(Path.Combine(killed, "model.safetensors"));
        Assert.True(expectedWeights.AsSpan().SequenceEqual(resumedWeights),
            $"weights differ after resuming from a kill at {killedAt}");
        foreach (var section in new[] { "validation", "test" })
        {
            Assert.Equal(Section(uninterrupted, section), Section(killed, section));
        }

        Assert.Equal(Section(uninterrupted, "training", "best_epoch"), Section(killed, "training", "best_epoch"));
        Assert.Equal(Section(uninterrupted, "training", "steps"), Section(killed, "training", "steps"));
        Assert.False(Directory.Exists(Path.Combine(killed, "checkpoints")), "a finished run keeps no checkpoints");
        Assert.Empty(Directory.GetDirectories(root, ".killed.partial-*"));
    }

    /// <param name="task">The --task of the run.</param>
    /// <param name="stage">The few-shot stage to kill in (its checkpoint folder), or null for a one-stage run.</param>
    [Theory]
    [InlineData("retrieval", null)]
    [InlineData("classify", "contrastive")]
    [InlineData("classify", "end-to-end")]
    public void RetrievalAndFewShotResumeEqual(string task, string? stage)
    {
        var baseFolder = TinyBaseFolder.Create(Path.Combine(root, "base"));
        string[] common = ["--base", baseFolder, "--batch-size", "4", "--learning-rate", "1e-3", "--patience", "0",
            "--save-steps", "2", "--logging-steps", "1"];
        string[] specific = task == "retrieval"
            ?
            [
                "--task", "retrieval", "--data", TinyKnowledgeBase.Write(root), "--epochs", "4", "--validation-fraction", "0.2",
                "--learnable-scale", "--hard-negatives", "--seed", "4",
            ]
            :
            [
                "--data", WriteData("train.csv", count: 12, seed: 1), "--validation",
                WriteData("validation.csv", count: 6, seed: 3), "--mode", "few-shot", "--pairs-per-example", "4",
                "--contrastive-epochs", "2", "--contrastive-learning-rate", "1e-3", "--head-epochs", "5",
                "--end-to-end-epochs", "3", "--seed", "9",
            ];
        string[] Arguments(string output) => ["train", .. common, .. specific, "--out", output];

        // Given an uninterrupted run and a run killed once a checkpoint inside epoch 2 (of the stage) exists,
        var uninterrupted = Path.Combine(root, "uninterrupted");
        var completed = SupertuneProcess.RunToEnd(Arguments(uninterrupted));
        Assert.True(completed.ExitCode == 0, completed.Output);

        var killed = Path.Combine(root, "killed");
        var killedAt = KillAfterMidEpochCheckpoint(Arguments(killed), minimumEpoch: 2, stage);
        Assert.False(Directory.Exists(killed), "the killed run must not leave a model folder");

        // when the killed run is resumed,
        var resumed = SupertuneProcess.RunToEnd(["train", "--resume", killed]);

        // then it ends with the same weights, validation scores and, for retrieval, the same learned scale.
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        var checkpointFolder = stage is null ? "checkpoints" : Path.Combine("checkpoints", stage);
        Assert.Contains("Resumed from", resumed.Output);
        Assert.Contains(Path.Combine(checkpointFolder, "checkpoint-"), resumed.Output);
        var expectedWeights = File.ReadAllBytes(Path.Combine(uninterrupted, "model.safetensors"));
        var resumedWeights = File.ReadAllBytes(Path.Combine(killed, "model.safetensors"));
        Assert.True(expectedWeights.AsSpan().SequenceEqual(resumedWeights),
            $"weights differ after resuming from a kill at {killedAt}");
        Assert.Equal(Section(uninterrupted, "validation"), Section(killed, "validation"));
        if (task == "retrieval")
        {
            Assert.Equal(Section(uninterrupted, "training", "scale"), Section(killed, "training", "scale"));
        }

        Assert.Empty(Directory.GetDirectories(root, ".killed.partial-*"));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>Writes a CSV whose label is fixed by the words of the text, drawn with a seed.</summary>
    private string WriteData(string name, int count, int seed)
    {
        var random = new Random(seed);
        var phrases = new Dictionary<string, string[]>
        {
            ["card"] = ["my card", "card not arrived", "still card", "card yet ?"],
            ["refund"] = ["refund please", "where is my money", "money back", "want refund"],
            ["password"] = ["forgot password", "reset login", "password help", "login !"],
        };
        var lines = new List<string> { "text,label" };
        for (var i = 0; i < count; i++)
        {
            var intent = Intents[i % Intents.Length];
            var options = phrases[intent];
            lines.Add($"{options[random.Next(options.Length)]} {options[random.Next(options.Length)]},{intent}");
        }

        var path = Path.Combine(root, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Starts a run, kills it once it wrote a checkpoint inside an epoch, and returns that checkpoint.</summary>
    /// <param name="stage">The stage folder the checkpoint must be in, or null for <c>checkpoints/</c> itself.</param>
    private string KillAfterMidEpochCheckpoint(string[] arguments, int minimumEpoch, string? stage)
    {
        using var process = SupertuneProcess.Start(arguments, out var output);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            Assert.False(process.HasExited, $"the run ended before it could be killed:\n{output}");
            var checkpoint = Directory.GetDirectories(root, ".killed.partial-*")
                .Select(staging => stage is null
                    ? Path.Combine(staging, "checkpoints")
                    : Path.Combine(staging, "checkpoints", stage))
                .Where(Directory.Exists)
                .SelectMany(checkpoints => Directory.GetDirectories(checkpoints, "checkpoint-*"))
                .FirstOrDefault(folder => IsMidEpoch(folder, minimumEpoch));
            if (checkpoint is not null)
            {
                process.Kill(); // SIGKILL on Linux: no handler runs, nothing is cleaned up.
                process.WaitForExit();
                return checkpoint;
            }

            Thread.Sleep(5);
        }

        process.Kill();
        throw new TimeoutException("no checkpoint inside an epoch appeared within 10 minutes.");
    }

    private static bool IsMidEpoch(string checkpoint, int minimumEpoch)
    {
        if (checkpoint.EndsWith(".tmp", StringComparison.Ordinal)) return false;
        try
        {
            using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(checkpoint, "trainer_state.json")));
            return state.RootElement.GetProperty("epoch").GetInt32() >= minimumEpoch
                   && !state.RootElement.GetProperty("epoch_validated").GetBoolean();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return false; // pruned or replaced while it was read
        }
    }

    private static string Section(string folder, params string[] path)
    {
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
        var element = metrics.RootElement;
        foreach (var name in path) element = element.GetProperty(name);
        return element.GetRawText();
    }
}
