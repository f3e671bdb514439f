using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SuperTune.Core.Evaluation;
using SuperTune.Training.FewShot;
using SuperTune.Training.Jobs;
using Xunit.Abstractions;

namespace SuperTune.Training.Tests.FewShot;

/// <summary>
/// Cancels a few-shot run inside one of its stages, resumes it, and compares the result with one uninterrupted run
/// of the same seed on the tiny random BERT. Stage 1 has 6 steps per epoch and stage 3 three, with a checkpoint
/// every 2 steps.
/// </summary>
public sealed class FewShotResumeTests(FewShotResumeTests.UninterruptedRun reference, ITestOutputHelper testOutput)
    : IClassFixture<FewShotResumeTests.UninterruptedRun>
{
    /// <param name="trainerRun">1 cancels in the contrastive stage, 2 in the end-to-end stage.</param>
    /// <param name="step">The step of that stage after which the run is cancelled.</param>
    /// <param name="stageLeft">The stage folder whose checkpoints the interrupted run leaves.</param>
    /// <param name="stagesRerun">Trainer runs the resumed job starts: the stages it does not skip.</param>
    [Theory]
    [InlineData(1, 9, FewShotTrainer.ContrastiveStage, 3)] // inside epoch 2 of stage 1
    [InlineData(2, 5, FewShotTrainer.EndToEndStage, 1)]    // inside epoch 2 of stage 3: stages 1 and 2 are skipped
    [InlineData(2, 1, FewShotTrainer.ContrastiveStage, 3)] // before stage 3's first checkpoint: the head is refitted
    public void ResumedRunEqualsUninterruptedRun(int trainerRun, int step, string stageLeft, int stagesRerun)
    {
        var loggers = new TestOutputLoggerFactory(testOutput);
        var interrupted = Path.Combine(reference.Root, $"interrupted-{trainerRun}-{step}");
        var stagingPattern = $".{Path.GetFileName(interrupted)}.partial-*";

        // Given a run cancelled inside a stage,
        using var interruption = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            new FineTuneJob(loggers, new CancelAfterStep(interruption, step, trainerRun))
                .Run(reference.Request(interrupted), interruption.Token));
        var staging = Assert.Single(Directory.GetDirectories(reference.Root, stagingPattern));
        Assert.Equal(TrainingModes.FewShot, TrainRunFile.Load(staging).Mode);
        var checkpoints = Directory.GetDirectories(Path.Combine(staging, "checkpoints"), "checkpoint-*",
            SearchOption.AllDirectories);
        Assert.InRange(checkpoints.Length, 1, 2); // --save-total-limit 2 over all stages
        Assert.All(checkpoints, checkpoint =>
            Assert.Equal(stageLeft, Path.GetFileName(Path.GetDirectoryName(checkpoint))));
        var startsBefore = CountStarts(staging);

        // when it is resumed,
        var resumed = new FineTuneJob(loggers).Resume(interrupted);

        // then it trains only the stages left, repeats the uninterrupted run's steps exactly, and ends with the same
        // weights and scores.
        Assert.Equal(stagesRerun, CountStarts(interrupted) - startsBefore);
        Assert.Equal(TrainingRecords.StepsAndEvaluations(reference.Output),
            TrainingRecords.StepsAndEvaluations(interrupted));
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference.Output, "model.safetensors")),
            File.ReadAllBytes(Path.Combine(interrupted, "model.safetensors")));
        Assert.Equal(Json(reference.Metrics.GetSection("validation")), Json(resumed.GetSection("validation")));
        Assert.Equal(reference.Metrics.GetSection("training")!["steps"], resumed.GetSection("training")!["steps"]);
        Assert.False(Directory.Exists(Path.Combine(interrupted, "checkpoints")), "a finished run keeps no checkpoints");
        Assert.Empty(Directory.GetDirectories(reference.Root, stagingPattern));
    }

    private static int CountStarts(string folder) =>
        File.ReadLines(Path.Combine(folder, "metrics.jsonl")).Count(line => line.Contains("\"type\":\"start\""));

    private static string Json(IReadOnlyDictionary<string, object>? section) => JsonSerializer.Serialize(section);

    /// <summary>The data, the tiny base and one uninterrupted few-shot run that every case compares with.</summary>
    public sealed class UninterruptedRun : IDisposable
    {
        private readonly string baseFolder;
        private readonly string train;
        private readonly string validation;

        public UninterruptedRun()
        {
            baseFolder = TinyBaseFolder.Create(Path.Combine(Root, "base"));
            train = FewShotData.Write(Root, "train.csv", 2);
            validation = FewShotData.Write(Root, "validation.csv", 1);
            Output = Path.Combine(Root, "uninterrupted");
            Metrics = new FineTuneJob(NullLoggerFactory.Instance).Run(Request(Output));
        }

        public string Root { get; } = Directory.CreateTempSubdirectory("supertune-fewshot-resume-").FullName;

        public string Output { get; }

        public MetricsDocument Metrics { get; }

        /// <summary>Returns the request of every run: 12 examples over 3 labels, so auto picks few-shot.</summary>
        public TrainRequest Request(string output) => new()
        {
            DataPath = train, ValidationPath = validation, OutputFolder = output, BaseModel = baseFolder,
            Mode = TrainingModes.Auto,
            FewShot = new FewShotOptions
            {
                PairsPerExample = 2, ContrastiveEpochs = 2, ContrastiveLearningRate = 1e-3, HeadEpochs = 5,
                EndToEndEpochs = 2,
            },
            Options = new TrainingOptions
            {
                BatchSize = 4, LearningRate = 1e-3, SaveSteps = 2, EarlyStoppingPatience = 0, Pooling = "mean",
                LoggingSteps = 1, Seed = 5,
            },
        };

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
