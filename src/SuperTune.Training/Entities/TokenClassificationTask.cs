using SuperTune.Core.Entities;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training.Entities;

/// <summary>
/// Cross-entropy over the BIO tag of each word's first word piece of a <see cref="BertForTokenClassification"/>
/// (later pieces, special tokens and padding are ignored), on length-grouped batches. Validation selects by
/// strict span-level micro F1, with token accuracy beside it.
/// </summary>
public sealed class TokenClassificationTask : ITrainingTask
{
    private readonly BertForTokenClassification model;
    private readonly IReadOnlyList<TaggedEncoding> train;
    private readonly IReadOnlyList<TaggedExample> validationExamples;
    private readonly IReadOnlyList<TaggedEncoding> validation;
    private readonly int padId;
    private readonly int evalBatchSize;
    private readonly LengthGroupedBatchSampler sampler;

    public TokenClassificationTask(BertForTokenClassification model, IReadOnlyList<TaggedEncoding> train,
        IReadOnlyList<TaggedExample> validationExamples, IReadOnlyList<TaggedEncoding> validation, int padId,
        TrainingOptions options)
    {
        this.model = model;
        this.train = train;
        this.validationExamples = validationExamples;
        this.validation = validation;
        this.padId = padId;
        evalBatchSize = options.EvalBatchSize;
        sampler = new LengthGroupedBatchSampler([.. train.Select(e => e.InputIds.Length)], options.BatchSize,
            options.Seed);
    }

    public nn.Module Model => model;

    public int TrainCount => train.Count;

    public int ValidationCount => validation.Count;

    public string ScoreName => "entity_f1";

    public IReadOnlyList<int[]> BatchesForEpoch(int epoch) => sampler.BatchesForEpoch(epoch);

    public BatchLoss Loss(IReadOnlyList<int> indices, Device device)
    {
        using var batch = TaggedBatch.Collate(train, indices, padId, device);
        var logits = model.forward(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds); // (batch, seq, tags)
        var flatLogits = logits.view(-1, logits.shape[2]);                                  // (batch * seq, tags)

        // A batch whose words all lost their pieces has nothing to average; its loss is a zero with a gradient.
        var loss = batch.LabelledTokens == 0
            ? flatLogits.sum() * 0
            : nn.functional.cross_entropy(flatLogits, batch.Labels.view(-1), ignore_index: TaggedEncoding.IgnoreIndex);
        return new BatchLoss(loss, indices.Count, batch.RealTokens, (int)batch.InputIds.numel());
    }

    public ValidationScores Validate(Device device)
    {
        (EntityEvaluation evaluation, double loss) = EntityScoring.Evaluate(model, validationExamples, validation,
            padId, evalBatchSize, device);
        double f1 = evaluation.Micro.F1;
        return new ValidationScores(loss, f1, new Dictionary<string, double>
        {
            ["entity_f1"] = f1,
            ["token_accuracy"] = evaluation.TokenAccuracy,
        });
    }
}
