using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SuperTune.Core;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training;

/// <summary>
/// Fine-tunes the model of an <see cref="ITrainingTask"/>: AdamW without decay on biases and LayerNorm weights,
/// linear warmup and decay, gradient clipping and accumulation, validation after every epoch, early stopping,
/// and the best epoch's weights restored at the end.
/// </summary>
public sealed class Trainer
{
    private readonly TrainingOptions options;
    private readonly ILogger logger;
    private readonly ITrainingMonitor? monitor;

    public Trainer(TrainingOptions options, ILogger logger, ITrainingMonitor? monitor = null)
    {
        options.Validate();
        this.options = options;
        this.logger = logger;
        this.monitor = monitor;
    }

    /// <summary>Trains the task's model in place and returns the run summary.</summary>
    /// <param name="metricsJsonlPath">File that receives one JSON record per log line, or null.</param>
    /// <param name="cancellation">Checked before every optimizer step; cancelling throws OperationCanceledException.</param>
    /// <exception cref="NonFiniteLossException">
    /// The loss became NaN or infinite before any epoch was validated. Later divergence ends the run with the best
    /// epoch's weights and is reported in <see cref="TrainingResult.Divergence"/>.
    /// </exception>
    public TrainingResult Train(ITrainingTask task, string? metricsJsonlPath, CancellationToken cancellation = default)
    {
        if (task.TrainCount == 0) throw new SuperTuneException("The training set is empty.");
        if (task.ValidationCount == 0) throw new SuperTuneException("The validation set is empty.");

        var model = task.Model;
        var device = TorchDevices.Resolve(options.Device);
        manual_seed(options.Seed);
        model.to(device);
        model.train();

        using var metricsLog = new MetricsJsonlWriter(metricsJsonlPath);
        using var optimizer = CreateOptimizer(model);
        var batchesPerEpoch = task.BatchesForEpoch(1).Count;
        var stepsPerEpoch = (batchesPerEpoch + options.GradientAccumulationSteps - 1) / options.GradientAccumulationSteps;
        var totalSteps = stepsPerEpoch * options.NumTrainEpochs;
        var schedule = new LinearWarmupSchedule(options.LearningRate,
            (int)Math.Ceiling(totalSteps * options.WarmupRatio), totalSteps);
        var parameterCount = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

        TrainingLog.Started(logger, task.TrainCount, task.ValidationCount, options.NumTrainEpochs, options.BatchSize,
            options.GradientAccumulationSteps, totalSteps, schedule.WarmupSteps, parameterCount, device.ToString(),
            options.Seed, get_num_threads());
        metricsLog.Write(new { type = "start", examples = task.TrainCount, validation_examples = task.ValidationCount,
            total_steps = totalSteps, warmup_steps = schedule.WarmupSteps, trainable_parameters = parameterCount,
            score = task.ScoreName, options });

        var state = new RunState();
        var trainingClock = new Stopwatch();
        var bestSnapshot = (Dictionary<string, Tensor>?)null;
        var bestEpoch = 0;
        var best = ValidationScores.None;
        var epochsWithoutImprovement = 0;
        var stoppedEarly = false;
        var epoch = 0;
        NonFiniteLossException? divergence = null;

        try
        {
            for (epoch = 1; epoch <= options.NumTrainEpochs; epoch++)
            {
                // One epoch of optimizer steps over the task's batches.
                trainingClock.Start();
                var batches = task.BatchesForEpoch(epoch);
                for (var first = 0; first < batches.Count; first += options.GradientAccumulationSteps)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var group = batches.Skip(first).Take(options.GradientAccumulationSteps).ToList();
                    var (loss, gradNorm) = OptimizerStep(task, optimizer, group, device,
                        schedule.LearningRateAt(state.Step), state);
                    state.Step++;
                    if (!double.IsFinite(loss))
                    {
                        // Without a validated epoch there is nothing good to keep. Otherwise the run ends with the
                        // best epoch's weights, and the caller decides how to report the divergence.
                        trainingClock.Stop();
                        TrainingLog.NonFiniteLoss(logger, loss, state.Step);
                        metricsLog.Write(new { type = "error", step = state.Step, loss = loss.ToString() });
                        if (bestSnapshot is null) throw new NonFiniteLossException(loss, state.Step, restoredBest: false);
                        divergence = new NonFiniteLossException(loss, state.Step, restoredBest: true);
                        break;
                    }

                    state.RecordStep(loss, gradNorm);
                    monitor?.OnStep(state.Step, totalSteps);
                    if (state.Step % options.LoggingSteps == 0 || state.Step == totalSteps)
                    {
                        LogInterval(metricsLog, state, totalSteps, stepsPerEpoch, schedule, trainingClock);
                    }
                }

                trainingClock.Stop();
                if (divergence is not null) break;

                // Validation, best-epoch snapshot and early stopping.
                NativeMemory.Trim();
                var scores = task.Validate(device);
                var improved = scores.IsBetterThan(best);
                LogEvaluation(metricsLog, task.ScoreName, epoch, state.Step, scores, improved);

                if (improved)
                {
                    best = scores;
                    bestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    DisposeSnapshot(bestSnapshot);
                    bestSnapshot = TakeSnapshot(model);
                }
                else if (options.EarlyStoppingPatience > 0 && ++epochsWithoutImprovement >= options.EarlyStoppingPatience)
                {
                    TrainingLog.StoppedEarly(logger, epoch, task.ScoreName, options.EarlyStoppingPatience);
                    stoppedEarly = true;
                    break;
                }
            }

            if (bestSnapshot is not null) RestoreSnapshot(model, bestSnapshot);
        }
        finally
        {
            DisposeSnapshot(bestSnapshot);
            monitor?.OnFinished();
        }

        var seconds = trainingClock.Elapsed.TotalSeconds;
        var result = new TrainingResult
        {
            BestEpoch = bestEpoch,
            BestValidation = best,
            EpochsRun = Math.Min(epoch, options.NumTrainEpochs),
            Steps = state.Step,
            Seconds = seconds,
            ExamplesPerSecond = state.ExamplesSeen / seconds,
            TokensPerSecond = state.RealTokensSeen / seconds,
            PaddingFraction = 1.0 - (double)state.RealTokensSeen / Math.Max(1, state.PaddedTokensSeen),
            StoppedEarly = stoppedEarly,
            Divergence = divergence,
        };
        TrainingLog.Finished(logger, seconds, result.ExamplesPerSecond, result.TokensPerSecond, bestEpoch,
            task.ScoreName, best.Score);
        metricsLog.Write(new { type = "end", seconds, examples_per_second = result.ExamplesPerSecond,
            tokens_per_second = result.TokensPerSecond, best_epoch = bestEpoch, steps = state.Step });
        return result;
    }

    private (double Loss, double GradNorm) OptimizerStep(ITrainingTask task, AdamW optimizer,
        IReadOnlyList<int[]> microBatches, Device device, double learningRate, RunState state)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
        optimizer.zero_grad();
        var lossSum = 0.0;

        foreach (var indices in microBatches)
        {
            using var scope = NewDisposeScope();

            // Forward and loss; each micro-batch's mean loss is scaled so the step averages them.
            var loss = task.Loss(indices, device);
            var lossValue = loss.Value.item<float>();
            if (!float.IsFinite(lossValue)) return (lossValue, double.NaN);

            // Backward.
            (loss.Value / microBatches.Count).backward();
            lossSum += lossValue;
            state.RecordBatch(loss.Examples, loss.RealTokens, loss.PaddedTokens);
        }

        // Clip, then step the optimizer with this step's learning rate.
        var gradNorm = options.MaxGradNorm > 0
            ? nn.utils.clip_grad_norm_(task.Model.parameters(), options.MaxGradNorm)
            : double.NaN;
        optimizer.step();
        return (lossSum / microBatches.Count, gradNorm);
    }

    private AdamW CreateOptimizer(nn.Module model)
    {
        // Biases and LayerNorm weights are not decayed (BERT's original recipe, kept by transformers' Trainer).
        // Frozen parameters are left out, so a task can train part of its model.
        var decayed = new List<Parameter>();
        var notDecayed = new List<Parameter>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!parameter.requires_grad) continue;
            var exempt = name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("LayerNorm");
            (exempt ? notDecayed : decayed).Add(parameter);
        }

        var groups = new[]
        {
            new AdamW.ParamGroup(decayed, new AdamW.Options { LearningRate = options.LearningRate, weight_decay = options.WeightDecay }),
            new AdamW.ParamGroup(notDecayed, new AdamW.Options { LearningRate = options.LearningRate, weight_decay = 0.0 }),
        };
        return optim.AdamW(groups, options.LearningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8,
            weight_decay: options.WeightDecay);
    }

    private void LogEvaluation(MetricsJsonlWriter metricsLog, string scoreName, int epoch, int step,
        ValidationScores scores, bool improved)
    {
        var others = string.Join(" ", scores.Metrics.Where(m => m.Key != scoreName)
            .Select(m => FormattableString.Invariant($"{m.Key} {m.Value:F4}")));
        TrainingLog.Evaluated(logger, epoch, scores.Loss, scoreName, scores.Score, others,
            improved ? " (best so far)" : "");

        var record = new Dictionary<string, object> { ["type"] = "eval", ["epoch"] = epoch, ["step"] = step,
            ["validation_loss"] = scores.Loss };
        foreach (var (name, value) in scores.Metrics) record[$"validation_{name}"] = value;
        record[$"validation_{scoreName}"] = scores.Score;
        metricsLog.Write(record);
    }

    private void LogInterval(MetricsJsonlWriter metricsLog, RunState state, int totalSteps, int stepsPerEpoch,
        LinearWarmupSchedule schedule, Stopwatch clock)
    {
        var (loss, gradNorm, examplesPerSecond) = state.TakeInterval(clock.Elapsed.TotalSeconds);
        var epoch = (double)state.Step / stepsPerEpoch;
        var learningRate = schedule.LearningRateAt(state.Step - 1);
        TrainingLog.Step(logger, state.Step, totalSteps, epoch, loss, learningRate, gradNorm, examplesPerSecond);
        metricsLog.Write(new { type = "step", step = state.Step, epoch, loss, learning_rate = learningRate,
            grad_norm = double.IsFinite(gradNorm) ? gradNorm : (double?)null, examples_per_second = examplesPerSecond });
    }

    private static Dictionary<string, Tensor> TakeSnapshot(nn.Module model) =>
        model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private static void RestoreSnapshot(nn.Module model, Dictionary<string, Tensor> snapshot)
    {
        using var noGrad = no_grad();
        foreach (var (name, value) in model.state_dict()) value.copy_(snapshot[name]);
    }

    private static void DisposeSnapshot(Dictionary<string, Tensor>? snapshot)
    {
        if (snapshot is null) return;
        foreach (var value in snapshot.Values) value.Dispose();
    }
}
