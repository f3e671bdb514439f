using Microsoft.Extensions.Logging;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training;

/// <summary>
/// Cross-entropy over a <see cref="BertForSequenceClassification"/>, optionally weighted by inverse label
/// frequency, on length-grouped batches; validation selects by macro F1 with accuracy beside it.
/// </summary>
public sealed class SequenceClassificationTask : ITrainingTask, IDisposable
{
    private readonly BertForSequenceClassification model;
    private readonly IReadOnlyList<EncodedExample> train;
    private readonly IReadOnlyList<EncodedExample> validation;
    private readonly int padId;
    private readonly int evalBatchSize;
    private readonly LengthGroupedBatchSampler sampler;
    private readonly float[]? classWeights;
    private Tensor? classWeightTensor;

    public SequenceClassificationTask(BertForSequenceClassification model, IReadOnlyList<EncodedExample> train,
        IReadOnlyList<EncodedExample> validation, int padId, TrainingOptions options, ILogger logger)
    {
        this.model = model;
        this.train = train;
        this.validation = validation;
        this.padId = padId;
        evalBatchSize = options.EvalBatchSize;
        sampler = new LengthGroupedBatchSampler(train.Select(e => e.InputIds.Length).ToList(), options.BatchSize,
            options.Seed);
        classWeights = ClassWeights(model.Config.NumLabels, train, options.ClassWeighting, logger);
    }

    public nn.Module Model => model;

    public int TrainCount => train.Count;

    public int ValidationCount => validation.Count;

    public string ScoreName => "macro_f1";

    public IReadOnlyList<int[]> BatchesForEpoch(int epoch) => sampler.BatchesForEpoch(epoch);

    public BatchLoss Loss(IReadOnlyList<int> indices, Device device)
    {
        classWeightTensor ??= classWeights is null ? null : tensor(classWeights, device: device).DetachFromDisposeScope();
        using var batch = TensorBatch.Collate(train, indices, padId, device);
        var logits = model.forward(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds); // (batch, labels)
        var loss = nn.functional.cross_entropy(logits, batch.Labels, weight: classWeightTensor);
        return new BatchLoss(loss, indices.Count, batch.RealTokens, (int)batch.InputIds.numel());
    }

    public ValidationScores Validate(Device device)
    {
        var probabilities = ClassifierInference.PredictProbabilities(model, validation, padId, evalBatchSize, device);
        var gold = validation.Select(e => e.LabelId).ToArray();
        var predicted = probabilities.Select(ArgMax).ToArray();
        var loss = gold.Select((g, i) => -Math.Log(Math.Max(probabilities[i][g], 1e-12))).Average();
        var accuracy = QuickScores.Accuracy(gold, predicted);
        var macroF1 = QuickScores.MacroF1(gold, predicted, model.Config.NumLabels);
        return new ValidationScores(loss, macroF1,
            new Dictionary<string, double> { ["accuracy"] = accuracy, ["macro_f1"] = macroF1 });
    }

    public void Dispose() => classWeightTensor?.Dispose();

    private static float[]? ClassWeights(int labelCount, IReadOnlyList<EncodedExample> train, string choice,
        ILogger logger)
    {
        var counts = new int[labelCount];
        foreach (var example in train) counts[example.LabelId]++;
        if (!ClassWeightingChoice.Resolve(choice, counts)) return null;

        // "balanced" weights: n / (k * count), so every label contributes equally to the expected loss.
        logger.LogInformation("Class weighting: balanced ({Choice}), effective label share {Share:F2}", choice,
            ClassWeightingChoice.EffectiveLabelShare(counts));
        return counts.Select(c => c == 0 ? 0f : (float)(train.Count / ((double)labelCount * c))).ToArray();
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
