using Microsoft.Extensions.Logging;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using SuperTune.Training.Checkpoints;

namespace SuperTune.Training.FewShot;

/// <summary>
/// SetFit-style few-shot training on the shared <see cref="Trainer"/>: contrastive tuning of the encoder on
/// sentence pairs, the head fitted on the tuned embeddings, then an optional end-to-end cross-entropy pass.
/// </summary>
/// <remarks>
/// With a checkpoint store, the contrastive and end-to-end stages write checkpoints into the stage folders
/// <see cref="ContrastiveStage"/> and <see cref="EndToEndStage"/>, and a later call with the same store continues
/// from them. The head stage writes none, because it trains only the head on embeddings computed once and takes
/// seconds. A resumed run fits it again from the encoder of the contrastive stage's last checkpoint, with the same
/// seed and so the same result.
/// </remarks>
public sealed class FewShotTrainer(TrainingOptions options, FewShotOptions fewShot, ILogger logger,
    ITrainingMonitor? monitor = null)
{
    /// <summary>The checkpoint folder of stage 1, which contains the encoder only.</summary>
    public const string ContrastiveStage = "contrastive";

    /// <summary>
    /// The checkpoint folder of stage 3, which contains encoder and head. Its first checkpoint replaces stage 1's.
    /// </summary>
    public const string EndToEndStage = "end-to-end";

    /// <summary>
    /// Trains <paramref name="model"/> in place and returns the summary of its last stage, with the time of all
    /// stages. Every stage appends to <paramref name="metricsJsonlPath"/>.
    /// </summary>
    /// <param name="checkpoints">
    /// The run's checkpoint store, or null for none. When it contains checkpoints of an interrupted run, finished
    /// stages are not trained again and the interrupted one continues from its newest checkpoint.
    /// </param>
    public TrainingResult Train(BertForSequenceClassification model, IReadOnlyList<EncodedExample> train,
        IReadOnlyList<EncodedExample> validation, int padId, string? metricsJsonlPath,
        CancellationToken cancellation = default, CheckpointStore? checkpoints = null)
    {
        fewShot.Validate();
        var contrastiveStore = checkpoints?.Stage(ContrastiveStage);
        var endToEndStore = checkpoints?.Stage(EndToEndStage, supersedes: contrastiveStore);
        if (fewShot.EndToEndEpochs > 0 && endToEndStore?.HasCheckpoint == true)
        {
            // Stage 3's checkpoints hold the whole model, so stages 1 and 2 need not run again.
            // NOTE: the summary's seconds then count stage 3 only, because the earlier stages' time was not saved.
            logger.LogInformation("Few-shot stages 1 and 2 finished before the interruption; stage 3 continues");
            return TrainEndToEnd(model, train, validation, padId, metricsJsonlPath, cancellation, endToEndStore);
        }

        // Stage 1: the encoder learns label similarity from pairs. Early stopping is off: one or two epochs.
        var contrastive = TrainContrastive(model, train, validation, padId, metricsJsonlPath, cancellation,
            contrastiveStore);
        if (contrastive?.Divergence is not null) return contrastive;

        // Stage 2: the head on embeddings of the tuned encoder, computed once.
        var head = TrainHead(model, train, validation, padId, metricsJsonlPath, cancellation);
        var seconds = (contrastive?.Seconds ?? 0) + head.Seconds;
        if (fewShot.EndToEndEpochs == 0 || head.Divergence is not null) return head with { Seconds = seconds };

        // Stage 3: encoder and head together with cross-entropy and the ordinary options.
        var endToEnd = TrainEndToEnd(model, train, validation, padId, metricsJsonlPath, cancellation, endToEndStore);
        return endToEnd with { Seconds = seconds + endToEnd.Seconds };
    }

    /// <summary>Runs the contrastive stage, or returns null when it has 0 epochs (a linear probe of the base).</summary>
    /// <remarks>
    /// When the stage finished before an interruption, this only restores its encoder from the store.
    /// </remarks>
    private TrainingResult? TrainContrastive(BertForSequenceClassification model, IReadOnlyList<EncodedExample> train,
        IReadOnlyList<EncodedExample> validation, int padId, string? metricsJsonlPath, CancellationToken cancellation,
        CheckpointStore? checkpoints)
    {
        if (fewShot.ContrastiveEpochs == 0)
        {
            logger.LogInformation("Few-shot stage 1 skipped: --contrastive-epochs 0 keeps the base encoder as it is");
            return null;
        }

        logger.LogInformation(
            "Few-shot stage 1 of {Stages}: contrastive tuning on {Pairs} pairs per example, {Loss} loss", Stages,
            fewShot.PairsPerExample, fewShot.ContrastiveLoss);
        var contrastiveOptions = options with
        {
            LearningRate = fewShot.ContrastiveLearningRate,
            NumTrainEpochs = fewShot.ContrastiveEpochs,
            EarlyStoppingPatience = 0,
        };
        var pairTask = new ContrastivePairTask(model, train, validation, padId, contrastiveOptions,
            fewShot.PairsPerExample, fewShot.ContrastiveLoss);
        return new Trainer(contrastiveOptions, logger, monitor).Train(pairTask, metricsJsonlPath, cancellation,
            checkpoints);
    }

    private TrainingResult TrainHead(BertForSequenceClassification model, IReadOnlyList<EncodedExample> train,
        IReadOnlyList<EncodedExample> validation, int padId, string? metricsJsonlPath, CancellationToken cancellation)
    {
        logger.LogInformation("Few-shot stage 2 of {Stages}: the head on frozen sentence embeddings", Stages);
        var device = TorchDevices.Resolve(options.Device);
        var trainEmbeddings = SentenceEmbeddings.Compute(model, train, padId, options.EvalBatchSize, device);
        var validationEmbeddings = SentenceEmbeddings.Compute(model, validation, padId, options.EvalBatchSize, device);
        var headOptions = options with
        {
            LearningRate = fewShot.HeadLearningRate,
            NumTrainEpochs = fewShot.HeadEpochs,
            WeightDecay = 0,
            EarlyStoppingPatience = 0,
            LoggingSteps = Math.Max(options.LoggingSteps, 100),
        };
        using var headTask = new HeadTask(model, trainEmbeddings, train.Select(e => e.LabelId).ToList(),
            validationEmbeddings, validation.Select(e => e.LabelId).ToList(), headOptions);
        return new Trainer(headOptions, logger).Train(headTask, metricsJsonlPath, cancellation);
    }

    // NOTE: the best epoch is picked within this stage only, so a pass that scores below stage 2 on validation
    // still replaces the stage-2 model.
    private TrainingResult TrainEndToEnd(BertForSequenceClassification model, IReadOnlyList<EncodedExample> train,
        IReadOnlyList<EncodedExample> validation, int padId, string? metricsJsonlPath, CancellationToken cancellation,
        CheckpointStore? checkpoints)
    {
        logger.LogInformation("Few-shot stage 3 of {Stages}: end-to-end pass of {Epochs} epochs", Stages,
            fewShot.EndToEndEpochs);
        var endToEndOptions = options with { NumTrainEpochs = fewShot.EndToEndEpochs };
        using var classification = new SequenceClassificationTask(model, train, validation, padId, endToEndOptions,
            logger);
        return new Trainer(endToEndOptions, logger, monitor).Train(classification, metricsJsonlPath, cancellation,
            checkpoints);
    }

    private int Stages => fewShot.EndToEndEpochs > 0 ? 3 : 2;
}
