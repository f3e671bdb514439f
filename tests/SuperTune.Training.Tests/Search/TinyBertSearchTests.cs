using SuperTune.Training.Jobs;
using SuperTune.Training.Search;
using Xunit.Abstractions;

namespace SuperTune.Training.Tests.Search;

/// <summary>Real searches on the tiny random BERT: interrupted and resumed against uninterrupted; a few seconds each.</summary>
public class TinyBertSearchTests(ITestOutputHelper testOutput) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-tiny-search-").FullName;

    [Fact]
    public void InterruptedSearchEndsWithSameBest()
    {
        var baseModel = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var loggers = new TestOutputLoggerFactory(testOutput);
        SearchRequest Request(string name) => new()
        {
            DataPath = WriteData("train.csv", 10),
            TestPath = WriteData("test.csv", 2),
            OutputFolder = Path.Combine(folder, name),
            BaseModel = baseModel,
            FixedOptions = new TrainingOptions { Seed = 3, Pooling = "mean", EarlyStoppingPatience = 0 },
            Space = new SearchSpace
            {
                LearningRate = ParameterRange.Between(1e-4, 3e-3, log: true),
                Epochs = ParameterRange.Choices(2),
                BatchSize = ParameterRange.Choices(8),
            },
            Trials = 3,
            Baseline = false,
        };

        // Given an uninterrupted search (rungs of 1 and 2 epochs: 3 + 1 runs)
        var whole = new SearchJob(loggers).Run(Request("whole"));

        // and the same search cancelled after 2 runs,
        using var cancel = new CancellationTokenSource();
        var interrupted = Request("interrupted");
        var first = new CountingTrainer(new FineTuneTrialTrainer(loggers), cancelAfter: 2, cancel);
        Assert.Throws<OperationCanceledException>(() => new SearchJob(loggers, first).Run(interrupted, cancel.Token));

        // when it is resumed,
        var second = new CountingTrainer(new FineTuneTrialTrainer(loggers), cancelAfter: int.MaxValue, cancel);
        var resumed = new SearchJob(loggers, second).Resume(interrupted.OutputFolder);

        // then it trains only the 2 missing runs and ends with the same best trial, score and test scores.
        Assert.Equal(2, first.Folders.Count);
        Assert.Equal(2, second.Folders.Count);
        Assert.Empty(first.Folders.Intersect(second.Folders));
        var expected = SearchOutputs.Best(whole)!;
        var actual = SearchOutputs.Best(resumed)!;
        Assert.Equal(expected.Trial, actual.Trial);
        Assert.Equal(expected.Score, actual.Score);
        Assert.Equal(expected.Accuracy, actual.Accuracy);
        Assert.Equal(whole.Results.Select(r => (r.Trial, r.Rung, r.Score)), resumed.Results.Select(r => (r.Trial, r.Rung, r.Score)));
        Assert.Equal(File.ReadAllText(Path.Combine(whole.Request.OutputFolder, SearchOutputs.BestOptionsFile)),
            File.ReadAllText(Path.Combine(interrupted.OutputFolder, SearchOutputs.BestOptionsFile)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.Request.OutputFolder, "best_model", "model.safetensors")),
            File.ReadAllBytes(Path.Combine(interrupted.OutputFolder, "best_model", "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(interrupted.OutputFolder, SearchOutputs.TestFolder, "metrics.json")));
        Assert.False(Directory.Exists(Path.Combine(interrupted.OutputFolder, SearchJob.TrialsFolder)));
    }

    [Fact]
    public void TrialInterruptedMidRunContinuesFromCheckpoint()
    {
        var baseModel = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var loggers = new TestOutputLoggerFactory(testOutput);
        var request = new SearchRequest
        {
            DataPath = WriteData("train.csv", 10),
            OutputFolder = Path.Combine(folder, "mid-run"),
            BaseModel = baseModel,
            FixedOptions = new TrainingOptions { Seed = 3, SaveSteps = 2, EarlyStoppingPatience = 0 },
            Space = new SearchSpace { Epochs = ParameterRange.Choices(2), BatchSize = ParameterRange.Choices(8) },
            Trials = 1,
            Baseline = false,
            MinEpochs = 2,
        };

        // Given a search whose only run (one rung of 2 epochs) is cancelled after 5 steps, past a checkpoint,
        using var cancel = new CancellationTokenSource();
        var trainer = new FineTuneTrialTrainer(loggers, new CancelAfterStep(cancel, 5));
        Assert.Throws<OperationCanceledException>(() => new SearchJob(loggers, trainer).Run(request, cancel.Token));
        var trials = Path.Combine(request.OutputFolder, SearchJob.TrialsFolder);
        Assert.Single(Directory.GetDirectories(trials, ".trial-001-rung-0.partial-*"));

        // when the search runs again, then the trial continues from its checkpoint and the search finishes.
        var state = new SearchJob(loggers).Run(request);

        Assert.True(state.Finished);
        Assert.Single(state.Results);
        Assert.True(File.Exists(Path.Combine(request.OutputFolder, "best_model", "model.safetensors")));
        Assert.False(Directory.Exists(trials));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string WriteData(string name, int copies)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : TinyIntentData.Write(path, copies);
    }

    /// <summary>Records the folder of every run and cancels the search once a number of runs finished.</summary>
    private sealed class CountingTrainer(ITrialTrainer inner, int cancelAfter, CancellationTokenSource cancel)
        : ITrialTrainer
    {
        public List<string> Folders { get; } = [];

        public TrialOutcome Train(TrainRequest request, CancellationToken cancellation)
        {
            var outcome = inner.Train(request, cancellation);
            Folders.Add(Path.GetFileName(request.OutputFolder));
            if (Folders.Count >= cancelAfter) cancel.Cancel();
            return outcome;
        }
    }
}
