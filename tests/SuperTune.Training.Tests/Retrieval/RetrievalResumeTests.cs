using System.Text.Json;
using SuperTune.Core;
using SuperTune.Core.Retrieval;
using SuperTune.Training.Jobs;
using SuperTune.Training.Retrieval;
using Xunit.Abstractions;

namespace SuperTune.Training.Tests.Retrieval;

/// <summary>
/// Cancels a retrieval run in the middle of an epoch, resumes it, and compares the result with an uninterrupted
/// run of the same seed on the tiny random BERT.
/// </summary>
public sealed class RetrievalResumeTests(ITestOutputHelper testOutput) : IDisposable
{
    private readonly TemporaryDirectory root = new();

    [Fact]
    public void ResumedRunEqualsUninterruptedRun()
    {
        var baseFolder = TinyBaseFolder.Create(Path.Combine(root.Path, "base"));
        var data = TinyKnowledgeBase.Write(root.Path);
        RetrievalTrainRequest Request(string output) => new()
        {
            DataPath = data, OutputFolder = output, BaseModel = baseFolder,
            Options = new TrainingOptions
            {
                NumTrainEpochs = 3, BatchSize = 4, LearningRate = 1e-3, SaveSteps = 2, EarlyStoppingPatience = 0,
                ValidationFraction = 0.2, LoggingSteps = 1, Seed = 4,
            },
            Retrieval = new RetrievalOptions { LearnableScale = true, HardNegatives = true },
        };
        var loggers = new TestOutputLoggerFactory(testOutput);

        // Given an uninterrupted run and a run cancelled after step 7, one step past its checkpoint inside epoch 2,
        var uninterrupted = Path.Combine(root.Path, "uninterrupted");
        var expected = new RetrievalFineTuneJob(loggers).Run(Request(uninterrupted));
        var interrupted = Path.Combine(root.Path, "interrupted");
        using var interruption = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            new RetrievalFineTuneJob(loggers, new CancelAfterStep(interruption, step: 7))
                .Run(Request(interrupted), interruption.Token));
        Assert.False(Directory.Exists(interrupted), "the interrupted run must not leave a model folder");
        var staging = Assert.Single(Directory.GetDirectories(root.Path, ".interrupted.partial-*"));
        Assert.Equal(RetrievalTrainRequest.Task, TrainRunFile.Load(staging).Task);

        // a new run into its folder is rejected with a pointer to --resume,
        var error = Assert.Throws<SuperTuneException>(() =>
            new RetrievalFineTuneJob(loggers).Run(Request(interrupted)));
        Assert.Contains("--resume", error.Hint);

        // and when the interrupted run is resumed,
        using (var folder = TrainingRunFolder.Resume(interrupted))
        {
            var resumed = new RetrievalFineTuneJob(loggers).Resume(folder);
            Assert.Equal(Json(expected.GetSection("validation")), Json(resumed.GetSection("validation")));
        }

        // then it repeats the uninterrupted run's steps exactly and ends with the same encoder weights and the same
        // learned scale.
        Assert.Equal(TrainingRecords.StepsAndEvaluations(uninterrupted),
            TrainingRecords.StepsAndEvaluations(interrupted));
        Assert.Equal(File.ReadAllBytes(Path.Combine(uninterrupted, "model.safetensors")),
            File.ReadAllBytes(Path.Combine(interrupted, "model.safetensors")));
        var expectedScale = RetrievalOptions.TryLoad(uninterrupted)!.Scale;
        Assert.NotEqual(20, expectedScale);
        Assert.Equal(expectedScale, RetrievalOptions.TryLoad(interrupted)!.Scale);
        Assert.Contains(File.ReadLines(Path.Combine(interrupted, "metrics.jsonl")),
            line => line.Contains("\"type\":\"resume\"") && line.Contains("checkpoint-6"));
        Assert.False(Directory.Exists(Path.Combine(interrupted, "checkpoints")), "a finished run keeps no checkpoints");
        Assert.Empty(Directory.GetDirectories(root.Path, ".interrupted.partial-*"));
    }

    [Fact]
    public void ClassifierRunIsNotResumedAsRetrieval()
    {
        var request = new TrainRequest { DataPath = "train.csv", OutputFolder = Path.Combine(root.Path, "out") };

        var error = Assert.Throws<SuperTuneException>(() => RetrievalTrainRequest.FromRunRequest(request));

        Assert.Contains("\"classify\"", error.Message);
    }

    public void Dispose() => root.Dispose();

    private static string Json(IReadOnlyDictionary<string, object>? section) => JsonSerializer.Serialize(section);
}
