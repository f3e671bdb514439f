using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Evaluation;
using SuperTune.Modeling.Weights;
using SuperTune.Training.FewShot;
using SuperTune.Training.Jobs;

namespace SuperTune.Training.Search;

/// <summary>
/// The <c>supertune search</c> job: draws trials, trains them rung by rung with successive halving, one at a time,
/// ranks them by validation macro F1, and writes the results, the best settings and the best model into the search
/// folder. After every training run search.json records it, so an interrupted search continues where it stopped.
/// </summary>
public sealed class SearchJob
{
    public const string TrialsFolder = "trials";

    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly ITrialTrainer trainer;

    /// <param name="trainer">Trains each trial; default <see cref="FineTuneTrialTrainer"/>.</param>
    public SearchJob(ILoggerFactory loggerFactory, ITrialTrainer? trainer = null, ITrainingMonitor? monitor = null)
    {
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<SearchJob>();
        this.trainer = trainer ?? new FineTuneTrialTrainer(loggerFactory, monitor);
    }

    /// <summary>
    /// Starts the search for <paramref name="request"/>, or continues it when its output folder contains a search with
    /// the same request, and returns the finished search.
    /// </summary>
    /// <exception cref="SuperTuneException">
    /// An invalid setting or file, or an output folder that contains something else, such as a search with other settings.
    /// </exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellation"/> was cancelled. Every finished run stays recorded in search.json.
    /// </exception>
    public SearchState Run(SearchRequest request, CancellationToken cancellation = default)
    {
        request = request.WithAbsolutePaths();
        request.Validate();
        CheckPaths(request);

        var folder = request.OutputFolder;
        if (File.Exists(SearchState.PathIn(folder)))
        {
            var existing = SearchState.Load(folder, "--out");
            RequireSameRequest(existing.Request, request);
            return Execute(existing, cancellation);
        }

        RequireEmptyFolder(folder);
        var trials = request.Strategy == SearchRequest.GridStrategy
            ? TrialSampler.Grid(request.Space)
            : TrialSampler.Random(request.Space, request.Trials, request.FixedOptions.Seed);
        if (!request.Baseline) return Execute(new SearchState { Request = request, Trials = trials }, cancellation);

        var (withBaseline, baseline) = TrialSampler.WithBaseline(trials, request.FixedOptions);
        return Execute(new SearchState { Request = request, Trials = withBaseline, BaselineTrial = baseline },
            cancellation);
    }

    /// <summary>Continues the search recorded in <paramref name="folder"/> with its saved request.</summary>
    /// <exception cref="SuperTuneException">The folder contains no readable search.json, or a data file is gone.</exception>
    public SearchState Resume(string folder, CancellationToken cancellation = default)
    {
        var state = SearchState.Load(folder, "--resume");
        state.Request.Validate();
        CheckPaths(state.Request);
        return Execute(state, cancellation);
    }

    private SearchState Execute(SearchState state, CancellationToken cancellation)
    {
        var request = state.Request;
        using var folderLock = SearchFolderLock.Acquire(request.OutputFolder, "--out");
        var fingerprint = SearchData.Fingerprint(request);
        if (state.DataFingerprint is null)
        {
            state.DataFingerprint = fingerprint;
            state.Save();
        }
        else if (state.DataFingerprint != fingerprint)
        {
            var files = request.ValidationPath is null
                ? $"--data {request.DataPath}"
                : $"--data {request.DataPath} or --validation {request.ValidationPath}";
            throw new SuperTuneException(
                $"{files} changed since the search in {request.OutputFolder} started, so new runs could not be " +
                "compared with the recorded ones.", "Restore the files, or start a new search with another --out.");
        }

        var resultsPath = Path.Combine(request.OutputFolder, SearchOutputs.ResultsMarkdown);
        if (state.Finished)
        {
            SearchLog.AlreadyFinished(logger, request.OutputFolder, resultsPath);
            return state;
        }

        var data = SearchData.Prepare(request);
        RemoveUnneededTrialFolders(state);
        var schedule = request.Schedule;
        var planned = schedule.PlannedRuns(state.Trials.Count, state.BaselineTrial is not null);
        SearchLog.Started(logger, state.Trials.Count, request.Strategy, string.Join(", ", schedule.RungEpochs),
            schedule.ReductionFactor, planned, data.ValidationCount);
        if (state.BaselineTrial is { } baselineId) SearchLog.BaselineKept(logger, baselineId);
        if (state.Results.Count > 0) SearchLog.Continuing(logger, request.OutputFolder, state.Results.Count, planned);
        SearchOutputs.WriteResults(state, data.Description, test: null);

        var alive = state.Trials.Select(t => t.Id).ToList();
        for (var rung = 0; rung < schedule.RungCount; rung++)
        {
            foreach (var id in alive.Where(id => state.Find(id, rung) is null))
            {
                cancellation.ThrowIfCancellationRequested();
                var trial = state.Trial(id);
                if (rung > 0 && schedule.EpochsFor(trial, rung) == schedule.EpochsFor(trial, rung - 1))
                {
                    ReuseResult(state, state.Find(id, rung - 1)!, rung, data);
                }
                else
                {
                    RunTrial(state, trial, rung, data, planned, cancellation);
                }
            }

            var results = alive.Select(id => state.Find(id, rung)!).ToList();
            if (results.All(r => r.Score is null))
            {
                throw new SuperTuneException(
                    $"Every trial of rung {rung} failed; the first: {results[0].Error}",
                    "Lower the learning rates of the search space (--learning-rates) and start a new search with " +
                    "another --out.");
            }

            if (rung == schedule.RungCount - 1) break;
            alive = schedule.Promote(results, state.BaselineTrial).Order().ToList();
            SearchLog.Promoted(logger, rung, string.Join(", ", alive), rung + 1, schedule.RungEpochs[rung + 1]);
        }

        Finish(state, data, cancellation);
        return state;
    }

    private void RunTrial(SearchState state, TrialConfig trial, int rung, SearchData data, int planned,
        CancellationToken cancellation)
    {
        var request = state.Request;
        var epochs = request.Schedule.EpochsFor(trial, rung);
        var trainRequest = TrialRequest(request, trial, rung, epochs, data);
        SearchLog.TrialStarting(logger, trial.Id, rung, state.Results.Count + 1, planned, epochs, trial.LearningRate,
            trial.BatchSize, trial.WarmupRatio, trial.WeightDecay);
        var clock = Stopwatch.StartNew();
        TrialResult result;
        try
        {
            var outcome = trainer.Train(trainRequest, cancellation);
            result = new TrialResult
            {
                Trial = trial.Id, Rung = rung, Epochs = epochs, Score = outcome.MacroF1, Accuracy = outcome.Accuracy,
                BestEpoch = outcome.BestEpoch, Seconds = clock.Elapsed.TotalSeconds,
            };
            SearchLog.TrialFinished(logger, trial.Id, rung, outcome.MacroF1, outcome.Accuracy, outcome.BestEpoch,
                result.Seconds);
        }
        catch (NonFiniteLossException e)
        {
            // A diverging learning rate is a property of the trial, so the search goes on without it.
            result = new TrialResult
            {
                Trial = trial.Id, Rung = rung, Epochs = epochs, Seconds = clock.Elapsed.TotalSeconds, Error = e.Message,
            };
            SearchLog.TrialFailed(logger, trial.Id, rung, e.Message);
        }

        Record(state, result, data);
    }

    /// <summary>
    /// Records <paramref name="earlier"/> again for <paramref name="rung"/>: the trial reached its own epochs in an
    /// earlier rung, and training it again with the same seed would repeat that run.
    /// </summary>
    private void ReuseResult(SearchState state, TrialResult earlier, int rung, SearchData data)
    {
        var origin = earlier.ReusedFromRung ?? earlier.Rung;
        SearchLog.ResultReused(logger, earlier.Trial, rung, earlier.Epochs, origin, earlier.Score);
        Record(state, earlier with { Rung = rung, Seconds = 0, ReusedFromRung = origin }, data);
    }

    private static void Record(SearchState state, TrialResult result, SearchData data)
    {
        state.Results.Add(result);
        state.Save();
        RemoveUnneededTrialFolders(state);
        SearchOutputs.WriteResults(state, data.Description, test: null);
    }

    private static TrainRequest TrialRequest(SearchRequest request, TrialConfig trial, int rung, int epochs,
        SearchData data) => new()
    {
        DataPath = data.TrainPath,
        ValidationPath = data.ValidationPath,
        OutputFolder = TrialFolder(request, trial.Id, rung),
        BaseModel = request.BaseModel,
        Data = data.Read,
        Options = trial.Apply(request.FixedOptions, epochs),
        Mode = TrainingModes.Standard,
    };

    private void Finish(SearchState state, SearchData data, CancellationToken cancellation)
    {
        var request = state.Request;
        var best = SearchOutputs.Best(state)!;
        var optionsPath = Path.Combine(request.OutputFolder, SearchOutputs.BestOptionsFile);
        AtomicFile.WriteAllText(optionsPath, SearchOutputs.OptionsOf(state, best).ToJson());

        // The best trial's folder becomes best_model; a kill after this move finds best_model and goes on. A
        // reused result has no folder of its own, so that run is trained once more, with the same seed.
        var bestModel = Path.Combine(request.OutputFolder, SearchOutputs.BestModelFolder);
        var trialFolder = TrialFolder(request, best.Trial, best.Rung);
        if (!Directory.Exists(bestModel) && !Directory.Exists(trialFolder))
        {
            SearchLog.TrainingBestAgain(logger, best.Trial, best.Epochs, best.ReusedFromRung ?? best.Rung);
            var trial = state.Trial(best.Trial);
            trainer.Train(TrialRequest(request, trial, best.Rung, best.Epochs, data), cancellation);
        }

        if (!Directory.Exists(bestModel)) Directory.Move(trialFolder, bestModel);
        var test = request.TestPath is null ? null : ScoreTest(request, bestModel);

        state.Finished = true;
        state.Save();
        SearchOutputs.WriteResults(state, data.Description, test);
        var trials = Path.Combine(request.OutputFolder, TrialsFolder);
        if (Directory.Exists(trials) && !Directory.EnumerateFileSystemEntries(trials).Any()) Directory.Delete(trials);
        SearchLog.Finished(logger, best.Trial, best.Score!.Value, optionsPath, bestModel,
            Path.Combine(request.OutputFolder, SearchOutputs.ResultsMarkdown));
    }

    private SearchOutputs.TestScores ScoreTest(SearchRequest request, string bestModel)
    {
        var testFolder = Path.Combine(request.OutputFolder, SearchOutputs.TestFolder);
        var metricsPath = Path.Combine(testFolder, "metrics.json");
        if (!File.Exists(metricsPath))
        {
            new EvaluateJob(loggerFactory).Run(new EvaluateRequest
            {
                ModelFolder = bestModel,
                DataPath = request.TestPath!,
                OutputFolder = testFolder,
                Data = request.Data,
                BatchSize = request.FixedOptions.EvalBatchSize,
                Device = request.FixedOptions.Device,
            });
        }

        var section = MetricsDocument.Load(metricsPath).GetSection("evaluation")!;
        double Number(string key) => Convert.ToDouble(section[key], CultureInfo.InvariantCulture);
        var scores = new SearchOutputs.TestScores(Number("accuracy"), Number("macro_f1"), (int)Number("examples"));
        SearchLog.TestScored(logger, scores.Accuracy, scores.MacroF1, scores.Examples);
        return scores;
    }

    /// <summary>
    /// Deletes every trial model folder but the best of the last rung so far, and staging folders of runs that
    /// search.json already records. Staging folders of unrecorded runs stay, because they may contain the checkpoints
    /// that let an interrupted run continue.
    /// </summary>
    private static void RemoveUnneededTrialFolders(SearchState state)
    {
        var trials = Path.Combine(state.Request.OutputFolder, TrialsFolder);
        if (!Directory.Exists(trials)) return;

        var best = SearchOutputs.Best(state);
        var keep = best is null ? null : TrialFolder(state.Request, best.Trial, best.Rung);
        foreach (var folder in Directory.EnumerateDirectories(trials))
        {
            if (folder == keep) continue;
            var name = Path.GetFileName(folder);
            var staging = name.StartsWith('.');
            if (staging && !IsRecorded(state, name)) continue;
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Returns whether the run that a staging folder such as <c>.trial-003-rung-1.partial-...</c> belongs to is recorded.</summary>
    private static bool IsRecorded(SearchState state, string stagingName)
    {
        var parts = stagingName.Split('.', '-');
        return parts.Length > 5 && int.TryParse(parts[2], out var trial) && int.TryParse(parts[4], out var rung)
               && state.Find(trial, rung) is not null;
    }

    private static string TrialFolder(SearchRequest request, int trial, int rung) =>
        Path.Combine(request.OutputFolder, TrialsFolder, $"trial-{trial:000}-rung-{rung}");

    private static void CheckPaths(SearchRequest request)
    {
        foreach (var (option, path) in new[] { ("--data", request.DataPath), ("--validation", request.ValidationPath),
                     ("--test", request.TestPath) })
        {
            if (path is not null && !File.Exists(path))
            {
                throw new SuperTuneException($"{option} {path}: file not found.");
            }
        }

        var bundled = string.IsNullOrWhiteSpace(request.BaseModel)
                      || request.BaseModel is PretrainedBase.BundledName or "bundled" or "minilm";
        if (!bundled && !Directory.Exists(request.BaseModel))
        {
            throw new SuperTuneException($"--base {request.BaseModel}: folder not found.",
                $"Pass --base {PretrainedBase.BundledName} for the bundled encoder, or a folder with config.json, " +
                "model.safetensors and vocab.txt.");
        }

        if (File.Exists(request.OutputFolder))
        {
            throw new SuperTuneException($"--out {request.OutputFolder} is a file; it must be a folder path.");
        }
    }

    private static void RequireEmptyFolder(string folder)
    {
        if (!Directory.Exists(folder)) return;
        // A search killed right after it took its lock leaves only the lock file.
        var entry = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName)
            .FirstOrDefault(name => name != SearchFolderLock.FileName);
        if (entry is null) return;
        throw new SuperTuneException(
            $"--out {folder} exists and contains {entry} but no {SearchState.FileName}, so it is not a search folder.",
            "Choose a new or empty folder for --out.");
    }

    private static void RequireSameRequest(SearchRequest saved, SearchRequest requested)
    {
        var differing = new List<string>();
        CollectDifferences(SearchState.RequestJson(saved), SearchState.RequestJson(requested), "", differing);
        if (differing.Count == 0) return;
        throw new SuperTuneException(
            $"--out {requested.OutputFolder} contains a search with other settings ({string.Join(", ", differing)} differ).",
            $"Continue it with `supertune search --resume {requested.OutputFolder}`, or choose a new --out.");
    }

    /// <summary>Adds the dotted path of every value that differs between two JSON objects, such as <c>fixed_options.seed</c>.</summary>
    private static void CollectDifferences(JsonElement saved, JsonElement requested, string prefix, List<string> differing)
    {
        var names = saved.EnumerateObject().Select(p => p.Name)
            .Union(requested.EnumerateObject().Select(p => p.Name));
        foreach (var name in names)
        {
            var hasSaved = saved.TryGetProperty(name, out var savedValue);
            var hasRequested = requested.TryGetProperty(name, out var requestedValue);
            if (hasSaved && hasRequested && savedValue.ValueKind == JsonValueKind.Object
                && requestedValue.ValueKind == JsonValueKind.Object)
            {
                CollectDifferences(savedValue, requestedValue, prefix + name + ".", differing);
            }
            else if (!hasSaved || !hasRequested || savedValue.GetRawText() != requestedValue.GetRawText())
            {
                differing.Add(prefix + name);
            }
        }
    }
}
