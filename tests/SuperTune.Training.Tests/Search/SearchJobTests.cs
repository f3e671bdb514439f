using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using SuperTune.Core;
using SuperTune.Training.Search;

namespace SuperTune.Training.Tests.Search;

/// <summary>The search loop with a scripted trainer: which runs happen, what is recorded and written.</summary>
public class SearchJobTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-search-").FullName;

    /// <summary>Scores rise with epochs and fall with the distance of the learning rate from 1e-4 (in log10).</summary>
    private static double Score(TrainingOptions options) =>
        0.5 + 0.05 * options.NumTrainEpochs - 0.1 * Math.Abs(Math.Log10(options.LearningRate) + 4);

    [Fact]
    public void HalvingPromotesBestThird()
    {
        var trainer = new ScriptedTrialTrainer(Score);

        var state = Job(trainer).Run(Request("halving", trials: 9));

        // Rungs of 1, 3 and 9 epochs: 9 runs, then the best 3, then the best 1.
        Assert.Equal([1, 3, 9], state.Request.Schedule.RungEpochs);
        Assert.Equal([9, 3, 1], Enumerable.Range(0, 3).Select(r => state.Results.Count(x => x.Rung == r)));
        var byCloseness = state.Trials.OrderBy(t => Math.Abs(Math.Log10(t.LearningRate) + 4)).Select(t => t.Id).ToList();
        Assert.Equal(byCloseness.Take(3).Order(), state.Results.Where(r => r.Rung == 1).Select(r => r.Trial).Order());
        Assert.Equal(byCloseness[0], state.Results.Single(r => r.Rung == 2).Trial);
        Assert.Equal([1, 3, 9], state.Results.Select(r => r.Epochs).Distinct().Order());
        Assert.True(state.Finished);
    }

    [Fact]
    public void CompleteTrialIsNotTrainedAgain()
    {
        // A grid of 3 learning rates x 1 or 3 epochs; rungs of 1 and 3 epochs keep 2 of 6 trials. The score
        // prefers 1e-4 and, slightly, fewer epochs, so trials 1 (1 epoch) and 2 (3 epochs) reach rung 1.
        var trainer = new ScriptedTrialTrainer(o => 0.9 - 0.1 * Math.Abs(Math.Log10(o.LearningRate) + 4) - 0.01 * o.NumTrainEpochs);
        var request = Request("complete", trials: 1) with
        {
            Strategy = SearchRequest.GridStrategy,
            Space = new SearchSpace
            {
                LearningRate = ParameterRange.Choices(1e-4, 3e-4, 1e-3),
                Epochs = ParameterRange.Choices(1, 3),
                BatchSize = ParameterRange.Choices(8),
                WarmupRatio = ParameterRange.Choices(0),
                WeightDecay = ParameterRange.Choices(0),
            },
        };

        var state = Job(trainer).Run(request);

        // Trial 1 keeps its 1-epoch result in rung 1 without training; as the best, it trains once more at the end.
        var reused = state.Find(1, 1)!;
        Assert.Equal(0, reused.ReusedFromRung);
        Assert.Equal(state.Find(1, 0)!.Score, reused.Score);
        Assert.Equal(1, reused.Epochs);
        Assert.Equal(3, state.Find(2, 1)!.Epochs);
        Assert.Equal(1, SearchOutputs.Best(state)!.Trial);
        Assert.Equal(6 + 1 + 1, trainer.Calls.Count);
        Assert.EndsWith("trial-001-rung-1", trainer.Calls[^1].Folder);
        Assert.True(Directory.Exists(Path.Combine(request.OutputFolder, SearchOutputs.BestModelFolder)));
        Assert.Contains("same run as rung 0", File.ReadAllText(Path.Combine(request.OutputFolder, SearchOutputs.ResultsCsv)));
    }

    [Fact]
    public void SearchWritesResultsAndBestOptions()
    {
        var trainer = new ScriptedTrialTrainer(Score);

        var state = Job(trainer).Run(Request("outputs", trials: 5));

        var output = state.Request.OutputFolder;
        var best = SearchOutputs.Best(state)!;
        var bestTrial = state.Trial(best.Trial);
        var options = TrainingOptionsFile.Load(Path.Combine(output, SearchOutputs.BestOptionsFile));
        Assert.Equal(bestTrial.LearningRate, options.LearningRate);
        Assert.Equal(best.Epochs, options.NumTrainEpochs);
        Assert.Equal(bestTrial.BatchSize, options.BatchSize);
        Assert.Equal(13, options.Seed);
        Assert.True(File.Exists(Path.Combine(output, SearchOutputs.BestModelFolder, "config.json")));
        Assert.False(Directory.Exists(Path.Combine(output, SearchJob.TrialsFolder)), "trial folders are removed");

        var csv = File.ReadAllLines(Path.Combine(output, SearchOutputs.ResultsCsv));
        Assert.Equal(state.Results.Count + 1, csv.Length);
        Assert.StartsWith("trial,rung,epochs,learning_rate,", csv[0]);
        var markdown = File.ReadAllText(Path.Combine(output, SearchOutputs.ResultsMarkdown));
        Assert.Contains($"trial {best.Trial}, validation macro F1", markdown);
        Assert.Contains("--options", markdown);

        var svg = XDocument.Load(Path.Combine(output, SearchOutputs.PlotFile));
        var circles = svg.Descendants().Where(e => e.Name.LocalName == "circle" && e.Element(e.Name.Namespace + "title") is not null);
        Assert.Equal(state.Results.Count, circles.Count());
    }

    [Fact]
    public void OnlyBestFinalModelIsKeptDuringSearch()
    {
        var trainer = new ScriptedTrialTrainer(Score);
        var request = Request("disk", trials: 6) with { MinEpochs = 9 };
        var kept = new List<int>();
        var counting = new ObservingTrainer(trainer, () =>
            kept.Add(Directory.Exists(Path.Combine(folder, "disk", SearchJob.TrialsFolder))
                ? Directory.GetDirectories(Path.Combine(folder, "disk", SearchJob.TrialsFolder)).Length
                : 0));

        new SearchJob(NullLoggerFactory.Instance, counting).Run(request);

        // Before each run at most one earlier model folder, the best so far, is left.
        Assert.All(kept, count => Assert.InRange(count, 0, 1));
        Assert.Equal(6, trainer.Calls.Count);
    }

    [Fact]
    public void InterruptedSearchResumesWithoutRepeats()
    {
        var uninterrupted = Job(new ScriptedTrialTrainer(Score)).Run(Request("whole", trials: 9));

        // Given a search cancelled after 5 of its 13 runs,
        using var cancel = new CancellationTokenSource();
        var first = new ScriptedTrialTrainer(Score).CancelAfter(5, cancel);
        var request = Request("interrupted", trials: 9);
        Assert.Throws<OperationCanceledException>(() => Job(first).Run(request, cancel.Token));
        var saved = SearchState.Load(request.OutputFolder, "--out");
        Assert.Equal(5, saved.Results.Count);
        Assert.False(saved.Finished);

        // when the same command runs again,
        var second = new ScriptedTrialTrainer(Score);
        var resumed = Job(second).Run(request);

        // then only the 8 missing runs train, no run twice, and the best is the uninterrupted search's.
        Assert.Equal(8, second.Calls.Count);
        var folders = first.Calls.Concat(second.Calls).Select(c => c.Folder).ToList();
        Assert.Equal(folders.Count, folders.Distinct().Count());
        var expected = SearchOutputs.Best(uninterrupted)!;
        var actual = SearchOutputs.Best(resumed)!;
        Assert.Equal(expected.Trial, actual.Trial);
        Assert.Equal(expected.Score, actual.Score);
        Assert.Equal(uninterrupted.Trials, resumed.Trials);
        Assert.Equal(13, resumed.Results.Count);
    }

    [Fact]
    public void ResumeVerbContinuesSavedRequest()
    {
        using var cancel = new CancellationTokenSource();
        var request = Request("resume", trials: 4);
        Assert.Throws<OperationCanceledException>(() =>
            Job(new ScriptedTrialTrainer(Score).CancelAfter(2, cancel)).Run(request, cancel.Token));

        var second = new ScriptedTrialTrainer(Score);
        var state = Job(second).Resume(request.OutputFolder);

        Assert.True(state.Finished);
        Assert.Equal(state.Request.Schedule.PlannedRuns(4) - 2, second.Calls.Count);
    }

    [Fact]
    public void FinishedSearchDoesNotTrainAgain()
    {
        var request = Request("finished", trials: 3);
        Job(new ScriptedTrialTrainer(Score)).Run(request);

        var again = new ScriptedTrialTrainer(Score);
        var state = Job(again).Run(request);

        Assert.Empty(again.Calls);
        Assert.True(state.Finished);
    }

    [Fact]
    public void DivergedTrialIsRecordedNotPromoted()
    {
        // Learning rates above 1e-4 diverge.
        var trainer = new ScriptedTrialTrainer(o => o.LearningRate > 1e-4 ? double.NaN : Score(o));

        var state = Job(trainer).Run(Request("diverged", trials: 9));

        var failed = state.Results.Where(r => r.Error is not null).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, r => Assert.Null(r.Score));
        Assert.All(failed, r => Assert.Equal(0, r.Rung));
        Assert.Contains("loss became NaN", File.ReadAllText(Path.Combine(state.Request.OutputFolder, SearchOutputs.ResultsCsv)));
    }

    [Fact]
    public void EveryTrialFailingStopsSearch()
    {
        var trainer = new ScriptedTrialTrainer(_ => double.NaN);

        var error = Assert.Throws<SuperTuneException>(() => Job(trainer).Run(Request("failing", trials: 3)));

        Assert.Contains("Every trial of rung 0 failed", error.Message);
        Assert.Contains("--learning-rates", error.Hint);
    }

    [Fact]
    public void ChangedSettingsAreRejected()
    {
        var request = Request("changed", trials: 3);
        Job(new ScriptedTrialTrainer(Score)).Run(request);

        var error = Assert.Throws<SuperTuneException>(() =>
            Job(new ScriptedTrialTrainer(Score)).Run(request with { Trials = 4 }));

        Assert.Contains("trials", error.Message);
        Assert.Contains("--resume", error.Hint);
    }

    [Fact]
    public void ChangedDataIsRejectedOnResume()
    {
        using var cancel = new CancellationTokenSource();
        var request = Request("changed-data", trials: 3);
        Assert.Throws<OperationCanceledException>(() =>
            Job(new ScriptedTrialTrainer(Score).CancelAfter(1, cancel)).Run(request, cancel.Token));
        File.AppendAllText(request.DataPath, "card still missing,card\n");

        var error = Assert.Throws<SuperTuneException>(() => Job(new ScriptedTrialTrainer(Score)).Resume(request.OutputFolder));

        Assert.Contains($"--data {request.DataPath} changed since the search", error.Message);
        Assert.Single(SearchState.Load(request.OutputFolder, "--out").Results);
    }

    [Fact]
    public void SecondProcessOnFolderIsRejected()
    {
        var request = Request("locked", trials: 3);
        Directory.CreateDirectory(request.OutputFolder);
        using var held = new FileStream(Path.Combine(request.OutputFolder, "search.lock"), FileMode.Create,
            FileAccess.ReadWrite, FileShare.None);

        var error = Assert.Throws<SuperTuneException>(() => Job(new ScriptedTrialTrainer(Score)).Run(request));

        Assert.Contains("another supertune search is running", error.Message);
        Assert.False(File.Exists(Path.Combine(request.OutputFolder, SearchState.FileName)));
    }

    [Fact]
    public void ForeignOutputFolderIsRejected()
    {
        var request = Request("foreign", trials: 3);
        Directory.CreateDirectory(request.OutputFolder);
        File.WriteAllText(Path.Combine(request.OutputFolder, "notes.txt"), "mine");

        var error = Assert.Throws<SuperTuneException>(() => Job(new ScriptedTrialTrainer(Score)).Run(request));

        Assert.Contains("notes.txt", error.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(request.OutputFolder, "notes.txt")));
    }

    [Fact]
    public void InvalidSpaceReportsEveryProblem()
    {
        var request = Request("invalid", trials: 3) with
        {
            Space = new SearchSpace
            {
                LearningRate = ParameterRange.Between(1e-3, 1e-5, log: true),
                Epochs = ParameterRange.Choices(0),
                BatchSize = ParameterRange.Choices(8.5),
            },
            ReductionFactor = 1,
        };

        var error = Assert.Throws<SuperTuneException>(() => Job(new ScriptedTrialTrainer(Score)).Run(request));

        Assert.Contains("learning_rate (--learning-rates) has min 0.001 above max 1e-05", error.Message);
        Assert.Contains("num_train_epochs (--epochs) must be between 1 and 1000, got 0", error.Message);
        Assert.Contains("per_device_train_batch_size (--batch-sizes) must be a whole number, got 8.5", error.Message);
        Assert.Contains("--reduction-factor must be at least 2, got 1", error.Message);
        Assert.False(Directory.Exists(request.OutputFolder));
    }

    [Fact]
    public void HugeGridRejectedBeforeBuilding()
    {
        var request = Request("huge-grid", trials: 3) with
        {
            Space = new SearchSpace
            {
                LearningRate = ParameterRange.Between(1e-5, 1e-3, log: true, gridPoints: 1_000_000_000),
            },
            Strategy = SearchRequest.GridStrategy,
        };

        var error = Assert.Throws<SuperTuneException>(() => Job(new ScriptedTrialTrainer(Score)).Run(request));

        Assert.Contains("learning_rate (--learning-rates) has 1000000000 grid points, more than a grid may have (1000)",
            error.Message);
        Assert.False(Directory.Exists(request.OutputFolder));
    }

    [Fact]
    public void SplitIsHeldOutOnce()
    {
        var trainer = new ScriptedTrialTrainer(Score);

        var state = Job(trainer).Run(Request("split", trials: 2));

        var train = File.ReadAllLines(Path.Combine(state.Request.OutputFolder, "data", "train.csv")).Skip(1).ToList();
        var validation = File.ReadAllLines(Path.Combine(state.Request.OutputFolder, "data", "validation.csv")).Skip(1).ToList();
        Assert.Equal(40, train.Count + validation.Count);
        Assert.Empty(train.Intersect(validation));
        Assert.Equal(4, validation.Count);
    }

    [Fact]
    public void BaselineReachesLastRungWhateverItsScore()
    {
        // The score is lowest at the baseline's learning rate (1e-4), so halving alone would drop it after rung 0.
        var trainer = new ScriptedTrialTrainer(o => 0.5 + 0.1 * Math.Abs(Math.Log10(o.LearningRate) + 4));
        var request = Request("baseline-worst", trials: 9) with { Baseline = true };

        var state = Job(trainer).Run(request);

        Assert.Equal(1, state.BaselineTrial);
        Assert.Equal(10, state.Trials.Count);
        Assert.Equal(1e-4, state.Trial(1).LearningRate);
        // 9 drawn trials keep 3, then 1; the baseline continues beside them.
        Assert.Equal([10, 4, 2], Enumerable.Range(0, 3).Select(r => state.Results.Count(x => x.Rung == r)));
        Assert.All(Enumerable.Range(0, 3), rung => Assert.NotNull(state.Find(1, rung)));
        Assert.NotEqual(1, SearchOutputs.Best(state)!.Trial);
        Assert.Equal(16, state.Request.Schedule.PlannedRuns(state.Trials.Count, withBaseline: true));
        Assert.Contains("baseline", File.ReadAllText(Path.Combine(request.OutputFolder, SearchOutputs.ResultsCsv)));
    }

    [Fact]
    public void BaselineWinsWhenNoTrialBeatsIt()
    {
        // The score peaks at the baseline's learning rate and batch size, which no drawn trial has together.
        var trainer = new ScriptedTrialTrainer(o =>
            0.9 - 0.1 * Math.Abs(Math.Log10(o.LearningRate) + 4) - (o.BatchSize == 32 ? 0 : 0.2));
        var request = Request("baseline-best", trials: 5) with { Baseline = true };

        var state = Job(trainer).Run(request);

        Assert.Equal(1, SearchOutputs.Best(state)!.Trial);
        var best = TrainingOptionsFile.Load(Path.Combine(request.OutputFolder, SearchOutputs.BestOptionsFile));
        Assert.Equal(new TrainingOptions().LearningRate, best.LearningRate);
        Assert.Equal(new TrainingOptions().BatchSize, best.BatchSize);
    }

    [Fact]
    public void InterruptedSearchKeepsItsBaseline()
    {
        // Given a search with a baseline cancelled after 11 of its 16 runs, one into rung 1,
        static double Worst(TrainingOptions o) => 0.5 + 0.1 * Math.Abs(Math.Log10(o.LearningRate) + 4);
        using var cancel = new CancellationTokenSource();
        var request = Request("baseline-resume", trials: 9) with { Baseline = true };
        Assert.Throws<OperationCanceledException>(() =>
            Job(new ScriptedTrialTrainer(Worst).CancelAfter(11, cancel)).Run(request, cancel.Token));

        // when it continues from its folder,
        var second = new ScriptedTrialTrainer(Worst);
        var state = Job(second).Resume(request.OutputFolder);

        // then the baseline still reaches the last rung and only the missing runs train.
        Assert.Equal(1, state.BaselineTrial);
        Assert.NotNull(state.Find(1, 2));
        Assert.Equal(16 - 11, second.Calls.Count);
    }

    [Fact]
    public void MatchingGridPointBecomesBaseline()
    {
        var defaults = new TrainingOptions();
        var request = Request("baseline-grid", trials: 1) with
        {
            Strategy = SearchRequest.GridStrategy,
            Baseline = true,
            Space = new SearchSpace
            {
                LearningRate = ParameterRange.Choices(3e-4, defaults.LearningRate),
                Epochs = ParameterRange.Choices(defaults.NumTrainEpochs),
                BatchSize = ParameterRange.Choices(defaults.BatchSize),
                WarmupRatio = ParameterRange.Choices(defaults.WarmupRatio),
                WeightDecay = ParameterRange.Choices(defaults.WeightDecay),
            },
        };

        var state = Job(new ScriptedTrialTrainer(Score)).Run(request);

        Assert.Equal(2, state.Trials.Count);
        Assert.Equal(2, state.BaselineTrial);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private SearchJob Job(ScriptedTrialTrainer trainer) => new(NullLoggerFactory.Instance, trainer);

    private SearchRequest Request(string name, int trials)
    {
        var data = Path.Combine(folder, "train.csv");
        if (!File.Exists(data))
        {
            var lines = new List<string> { "text,label" };
            for (var i = 0; i < 20; i++) lines.AddRange([$"where is my card {i},card", $"refund please {i},refund"]);
            File.WriteAllLines(data, lines);
        }

        return new SearchRequest
        {
            DataPath = data,
            OutputFolder = Path.Combine(folder, name),
            FixedOptions = new TrainingOptions { Seed = 13 },
            Space = new SearchSpace { Epochs = ParameterRange.Choices(9) },
            Trials = trials,
            Baseline = false,
        };
    }

    /// <summary>Calls an action before each run of the wrapped trainer.</summary>
    private sealed class ObservingTrainer(ITrialTrainer inner, Action before) : ITrialTrainer
    {
        public TrialOutcome Train(Jobs.TrainRequest request, CancellationToken cancellation)
        {
            before();
            return inner.Train(request, cancellation);
        }
    }
}
