using Microsoft.Extensions.Logging;

namespace SuperTune.Training;

/// <summary>Log messages of a training run, with fixed event ids.</summary>
internal static partial class TrainingLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Training {Examples} examples ({ValidationExamples} validation), {Epochs} epochs, batch {BatchSize} " +
                  "x accumulation {Accumulation}, {TotalSteps} steps with {WarmupSteps} warmup, " +
                  "{TrainableParameters:N0} trainable parameters, device {Device}, seed {Seed}, {Threads} threads")]
    public static partial void Started(ILogger logger, int examples, int validationExamples, int epochs,
        int batchSize, int accumulation, int totalSteps, int warmupSteps, long trainableParameters, string device,
        int seed, int threads);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "step {Step}/{TotalSteps} epoch {Epoch:F2} loss {Loss:F4} lr {LearningRate:0.00e+00} " +
                  "grad_norm {GradNorm:F3} {ExamplesPerSecond:F1} examples/s")]
    public static partial void Step(ILogger logger, int step, int totalSteps, double epoch, double loss,
        double learningRate, double gradNorm, double examplesPerSecond);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "eval epoch {Epoch}: validation loss {Loss:F4} {ScoreName} {Score:F4} {OtherMetrics}{Marker}")]
    public static partial void Evaluated(ILogger logger, int epoch, double loss, string scoreName, double score,
        string otherMetrics, string marker);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information,
        Message = "Early stopping after epoch {Epoch}: no better validation {ScoreName} for {Patience} epochs")]
    public static partial void StoppedEarly(ILogger logger, int epoch, string scoreName, int patience);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information,
        Message = "Finished in {Seconds:F1} s: {ExamplesPerSecond:F1} examples/s, {TokensPerSecond:F0} tokens/s; " +
                  "best epoch {BestEpoch} with validation {ScoreName} {Score:F4}")]
    public static partial void Finished(ILogger logger, double seconds, double examplesPerSecond,
        double tokensPerSecond, int bestEpoch, string scoreName, double score);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error,
        Message = "Loss became {Loss} at step {Step}; training stopped. Lower --learning-rate or check the data")]
    public static partial void NonFiniteLoss(ILogger logger, double loss, int step);
}
