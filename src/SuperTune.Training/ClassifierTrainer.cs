using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training;

/// <summary>
/// Fine-tunes a <see cref="BertForSequenceClassification"/> with cross-entropy: AdamW without decay on biases and
/// LayerNorm weights, linear warmup and decay, gradient clipping and accumulation, length-grouped dynamic
/// padding, validation after every epoch, early stopping, and the best epoch's weights restored at the end.
/// </summary>
public sealed class ClassifierTrainer
{
    private readonly TrainingOptions options;
    private readonly ILogger logger;
    private readonly ITrainingMonitor? monitor;

    public ClassifierTrainer(TrainingOptions options, ILogger logger, ITrainingMonitor? monitor = null)
    {
        options.Validate();
        this.options = options;
        this.logger = logger;
        this.monitor = monitor;
    }

    /// <summary>Trains <paramref name="model"/> in place and returns the run summary.</summary>
    /// <param name="metricsJsonlPath">File that receives one JSON record per log line, or null.</param>
    /// <exception cref="NonFiniteLossException">
    /// The loss became NaN or infinite before any epoch was validated. Later divergence ends the run with the best
    /// epoch's weights and is reported in <see cref="TrainingResult.Divergence"/>.
    /// </exception>
    /// <param name="cancellation">Checked before every optimizer step; cancelling throws OperationCanceledException.</param>
    public TrainingResult Train(BertForSequenceClassification model, IReadOnlyList<EncodedExample> train,
        IReadOnlyList<EncodedExample> validation, int padId, string? metricsJsonlPath,
        CancellationToken cancellation = default)
    {
        if (train.Count == 0) throw new SuperTuneException("The training set is empty.");
        if (validation.Count == 0) throw new SuperTuneException("The validation set is empty.");

        var device = TorchDevices.Resolve(options.Device);
        manual_seed(options.Seed);
        model.to(device);
        model.train();

        using var metricsLog = new MetricsJsonlWriter(metricsJsonlPath);
        using var optimizer = CreateOptimizer(model);
        using var classWeights = ClassWeights(model.Config.NumLabels, train, device);

        var sampler = new LengthGroupedBatchSampler(train.Select(e => e.InputIds.Length).ToList(), options.BatchSize,
            options.Seed);
        var stepsPerEpoch = (sampler.BatchCount + options.GradientAccumulationSteps - 1) / options.GradientAccumulationSteps;
        var totalSteps = stepsPerEpoch * options.NumTrainEpochs;
        var schedule = new LinearWarmupSchedule(options.LearningRate,
            (int)Math.Ceiling(totalSteps * options.WarmupRatio), totalSteps);
        var parameterCount = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

        TrainingLog.Started(logger, train.Count, validation.Count, options.NumTrainEpochs, options.BatchSize,
            options.GradientAccumulationSteps, totalSteps, schedule.WarmupSteps, parameterCount, device.ToString(),
            options.Seed, get_num_threads());
        metricsLog.Write(new { type = "start", examples = train.Count, validation_examples = validation.Count,
            total_steps = totalSteps, warmup_steps = schedule.WarmupSteps, trainable_parameters = parameterCount,
            options });

        var state = new RunState();
        var trainingClock = new Stopwatch();
        var bestSnapshot = (Dictionary<string, Tensor>?)null;
        var bestEpoch = 0;
        var best = new ValidationScores(double.PositiveInfinity, 0, double.NegativeInfinity);
        var epochsWithoutImprovement = 0;
        var stoppedEarly = false;
        var epoch = 0;
        NonFiniteLossException? divergence = null;

        try
        {
            for (epoch = 1; epoch <= options.NumTrainEpochs; epoch++)
            {
                // One epoch of optimizer steps over length-grouped batches.
                trainingClock.Start();
                var batches = sampler.BatchesForEpoch(epoch);
                for (var first = 0; first < batches.Count; first += options.GradientAccumulationSteps)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var group = batches.Skip(first).Take(options.GradientAccumulationSteps).ToList();
                    var (loss, gradNorm) = OptimizerStep(model, optimizer, group, train, padId, device, classWeights,
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
                var scores = Validate(model, validation, padId, device);
                var improved = scores.MacroF1 > best.MacroF1 || (scores.MacroF1 == best.MacroF1 && scores.Loss < best.Loss);
                TrainingLog.Evaluated(logger, epoch, scores.Loss, scores.Accuracy, scores.MacroF1,
                    improved ? " (best so far)" : "");
                metricsLog.Write(new { type = "eval", epoch, step = state.Step, validation_loss = scores.Loss,
                    validation_accuracy = scores.Accuracy, validation_macro_f1 = scores.MacroF1 });

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
                    TrainingLog.StoppedEarly(logger, epoch, options.EarlyStoppingPatience);
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
            BestValidationAccuracy = best.Accuracy,
            BestValidationMacroF1 = best.MacroF1,
            BestValidationLoss = best.Loss,
            EpochsRun = Math.Min(epoch, options.NumTrainEpochs),
            Steps = state.Step,
            Seconds = seconds,
            ExamplesPerSecond = state.ExamplesSeen / seconds,
            TokensPerSecond = state.RealTokensSeen / seconds,
            PaddingFraction = 1.0 - (double)state.RealTokensSeen / Math.Max(1, state.PaddedTokensSeen),
            StoppedEarly = stoppedEarly,
            Divergence = divergence,
        };
        TrainingLog.Finished(logger, seconds, result.ExamplesPerSecond, result.TokensPerSecond, bestEpoch, best.Accuracy);
        metricsLog.Write(new { type = "end", seconds, examples_per_second = result.ExamplesPerSecond,
            tokens_per_second = result.TokensPerSecond, best_epoch = bestEpoch, steps = state.Step });
        return result;
    }

    private (double Loss, double GradNorm) OptimizerStep(BertForSequenceClassification model, AdamW optimizer,
        IReadOnlyList<int[]> microBatches, IReadOnlyList<EncodedExample> train, int padId, Device device,
        Tensor? classWeights, double learningRate, RunState state)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
        optimizer.zero_grad();
        var lossSum = 0.0;

        foreach (var indices in microBatches)
        {
            using var scope = NewDisposeScope();
            using var batch = TensorBatch.Collate(train, indices, padId, device);

            // Forward and loss; each micro-batch's mean loss is scaled so the step averages them.
            var logits = model.forward(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds); // (batch, labels)
            var loss = nn.functional.cross_entropy(logits, batch.Labels, weight: classWeights);
            var lossValue = loss.item<float>();
            if (!float.IsFinite(lossValue)) return (lossValue, double.NaN);

            // Backward.
            (loss / microBatches.Count).backward();
            lossSum += lossValue;
            state.RecordBatch(indices.Length, batch.RealTokens, (int)batch.InputIds.numel());
        }

        // Clip, then step the optimizer with this step's learning rate.
        var gradNorm = options.MaxGradNorm > 0
            ? nn.utils.clip_grad_norm_(model.parameters(), options.MaxGradNorm)
            : double.NaN;
        optimizer.step();
        return (lossSum / microBatches.Count, gradNorm);
    }

    private AdamW CreateOptimizer(BertForSequenceClassification model)
    {
        // Biases and LayerNorm weights are not decayed (BERT's original recipe, kept by transformers' Trainer).
        var decayed = new List<Parameter>();
        var notDecayed = new List<Parameter>();
        foreach (var (name, parameter) in model.named_parameters())
        {
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

    private Tensor? ClassWeights(int labelCount, IReadOnlyList<EncodedExample> train, Device device)
    {
        var counts = new double[labelCount];
        foreach (var example in train) counts[example.LabelId]++;
        if (!ClassWeightingChoice.Resolve(options.ClassWeighting, counts.Select(c => (int)c).ToList())) return null;

        // "balanced" weights: n / (k * count), so every label contributes equally to the expected loss.
        logger.LogInformation("Class weighting: balanced ({Choice}), effective label share {Share:F2}",
            options.ClassWeighting, ClassWeightingChoice.EffectiveLabelShare(counts.Select(c => (int)c).ToList()));
        var weights = counts.Select(c => c == 0 ? 0f : (float)(train.Count / (labelCount * c))).ToArray();
        return tensor(weights, device: device);
    }

    private ValidationScores Validate(BertForSequenceClassification model, IReadOnlyList<EncodedExample> validation,
        int padId, Device device)
    {
        var probabilities = ClassifierInference.PredictProbabilities(model, validation, padId, options.EvalBatchSize,
            device);
        var gold = validation.Select(e => e.LabelId).ToArray();
        var predicted = probabilities.Select(ArgMax).ToArray();
        var loss = gold.Select((g, i) => -Math.Log(Math.Max(probabilities[i][g], 1e-12))).Average();
        return new ValidationScores(loss, QuickScores.Accuracy(gold, predicted),
            QuickScores.MacroF1(gold, predicted, model.Config.NumLabels));
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

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
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

    private sealed record ValidationScores(double Loss, double Accuracy, double MacroF1);
}
