using Microsoft.Extensions.Logging;

namespace SuperTune.Training.Search;

/// <summary>Log messages of a hyperparameter search, with fixed event ids.</summary>
internal static partial class SearchLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information,
        Message = "Search: {Trials} trials ({Strategy}), rungs of {RungEpochs} epochs keeping the best 1/{Factor}, " +
                  "{PlannedRuns} training runs planned; score: validation macro F1 on {ValidationExamples} examples " +
                  "that no trial trains on")]
    public static partial void Started(ILogger logger, int trials, string strategy, string rungEpochs, int factor,
        int plannedRuns, int validationExamples);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information,
        Message = "Continuing the search in {Folder}: {Done} of {Planned} training runs are already done and are " +
                  "not repeated")]
    public static partial void Continuing(ILogger logger, string folder, int done, int planned);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information,
        Message = "Trial {Trial} rung {Rung} (run {Run} of {Planned}): {Epochs} epochs, learning rate " +
                  "{LearningRate:0.00e+00}, batch size {BatchSize}, warmup ratio {WarmupRatio}, weight decay " +
                  "{WeightDecay}")]
    public static partial void TrialStarting(ILogger logger, int trial, int rung, int run, int planned, int epochs,
        double learningRate, int batchSize, double warmupRatio, double weightDecay);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information,
        Message = "Trial {Trial} rung {Rung}: validation macro F1 {Score:F4}, accuracy {Accuracy:P2}, best epoch " +
                  "{BestEpoch}, {Seconds:F0} s")]
    public static partial void TrialFinished(ILogger logger, int trial, int rung, double score, double accuracy,
        int bestEpoch, double seconds);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning,
        Message = "Trial {Trial} rung {Rung} failed and drops out of the search: {Reason}")]
    public static partial void TrialFailed(ILogger logger, int trial, int rung, string reason);

    [LoggerMessage(EventId = 305, Level = LogLevel.Information,
        Message = "Rung {Rung} done: trials {Trials} continue to rung {NextRung} with up to {Epochs} epochs")]
    public static partial void Promoted(ILogger logger, int rung, string trials, int nextRung, int epochs);

    [LoggerMessage(EventId = 306, Level = LogLevel.Information,
        Message = "Best: trial {Trial} with validation macro F1 {Score:F4}; settings in {OptionsPath}, model in " +
                  "{ModelFolder}, results in {ResultsPath}")]
    public static partial void Finished(ILogger logger, int trial, double score, string optionsPath,
        string modelFolder, string resultsPath);

    [LoggerMessage(EventId = 307, Level = LogLevel.Information,
        Message = "Test, best configuration only: accuracy {Accuracy:P2}, macro F1 {MacroF1:F4} on {Examples} examples")]
    public static partial void TestScored(ILogger logger, double accuracy, double macroF1, int examples);

    [LoggerMessage(EventId = 308, Level = LogLevel.Information,
        Message = "Training trial {Trial} again with {Epochs} epochs to write best_model, because its result came " +
                  "from rung {Rung}, whose model folder was not kept")]
    public static partial void TrainingBestAgain(ILogger logger, int trial, int epochs, int rung);

    [LoggerMessage(EventId = 309, Level = LogLevel.Information,
        Message = "The search in {Folder} is already finished; see {ResultsPath}")]
    public static partial void AlreadyFinished(ILogger logger, string folder, string resultsPath);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information,
        Message = "Trial {Trial} rung {Rung}: {Epochs} epochs, as in rung {EarlierRung}, so its result is reused " +
                  "without training: validation macro F1 {Score:F4}")]
    public static partial void ResultReused(ILogger logger, int trial, int rung, int epochs, int earlierRung,
        double? score);

    [LoggerMessage(EventId = 311, Level = LogLevel.Information,
        Message = "Trial {Trial} is the baseline: the settings of --options or the defaults. Every rung keeps it, so " +
                  "the search ends with settings at least as good on validation")]
    public static partial void BaselineKept(ILogger logger, int trial);
}
