using Microsoft.Extensions.Logging;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;

namespace SuperTune.Training.FewShot;

/// <summary>
/// SetFit-style few-shot training on the shared <see cref="Trainer"/>: contrastive tuning of the encoder on
/// sentence pairs, the head fitted on the tuned embeddings, then an optional end-to-end cross-entropy pass.
/// </summary>
public sealed class FewShotTrainer(TrainingOptions options, FewShotOptions fewShot, ILogger logger,
    ITrainingMonitor? monitor = null)
{
    /// <summary>
    /// Trains <paramref name="model"/> in place and returns the summary of its last stage, with the time of all
    /// stages. Every stage appends to <paramref name="metricsJsonlPath"/>.
    /// </summary>
    public TrainingResult Train(BertForSequenceClassification model, IReadOnlyList<EncodedExample> train,
        IReadOnlyList<EncodedExample> validation, int padId, string? metricsJsonlPath,
        CancellationToken cancellation = default)
    {
        fewShot.Validate();
        var device = TorchDevices.Resolve(options.Device);

        // Stage 1: the encoder learns label similarity from pairs. Early stopping is off: one or two epochs.
        var contrastive = TrainContrastive(model, train, validation, padId, metricsJsonlPath, cancellation);
        if (contrastive?.Divergence is not null) return contrastive;

        // Stage 2: the head on embeddings of the tuned encoder, computed once.
        logger.LogInformation("Few-shot stage 2 of {Stages}: the head on frozen sentence embeddings", Stages);
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
        var head = new Trainer(headOptions, logger).Train(headTask, metricsJsonlPath, cancellation);
        var seconds = (contrastive?.Seconds ?? 0) + head.Seconds;
        if (fewShot.EndToEndEpochs == 0 || head.Divergence is not null) return head with { Seconds = seconds };

        // Stage 3: encoder and head together with cross-entropy and the ordinary options.
        // NOTE: the best epoch is picked within this stage only, so a pass that scores below stage 2 on validation
        // still replaces the stage-2 model.
        logger.LogInformation("Few-shot stage 3 of {Stages}: end-to-end pass of {Epochs} epochs", Stages,
            fewShot.EndToEndEpochs);
        var endToEndOptions = options with { NumTrainEpochs = fewShot.EndToEndEpochs };
        using var classification = new SequenceClassificationTask(model, train, validation, padId, endToEndOptions,
            logger);
        var endToEnd = new Trainer(endToEndOptions, logger, monitor).Train(classification, metricsJsonlPath,
            cancellation);
        return endToEnd with { Seconds = seconds + endToEnd.Seconds };
    }

    /// <summary>Runs the contrastive stage, or returns null when it has 0 epochs (a linear probe of the base).</summary>
    private TrainingResult? TrainContrastive(BertForSequenceClassification model, IReadOnlyList<EncodedExample> train,
        IReadOnlyList<EncodedExample> validation, int padId, string? metricsJsonlPath, CancellationToken cancellation)
    {
        if (fewShot.ContrastiveEpochs == 0)
        {
            logger.LogInformation("Few-shot stage 1 skipped: --contrastive-epochs 0 keeps the base encoder as it is");
            return null;
        }

        logger.LogInformation("Few-shot stage 1 of {Stages}: contrastive tuning on {Pairs} pairs per example",
            Stages, fewShot.PairsPerExample);
        var contrastiveOptions = options with
        {
            LearningRate = fewShot.ContrastiveLearningRate,
            NumTrainEpochs = fewShot.ContrastiveEpochs,
            EarlyStoppingPatience = 0,
        };
        var pairTask = new ContrastivePairTask(model, train, validation, padId, contrastiveOptions,
            fewShot.PairsPerExample);
        return new Trainer(contrastiveOptions, logger, monitor).Train(pairTask, metricsJsonlPath, cancellation);
    }

    private int Stages => fewShot.EndToEndEpochs > 0 ? 3 : 2;
}
