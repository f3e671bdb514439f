using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training.FewShot;

/// <summary>
/// SetFit's contrastive stage as an <see cref="ITrainingTask"/>. With <see cref="FewShotOptions.CosineLoss"/>, the
/// encoder learns to give same-label pairs cosine similarity 1 and different-label pairs 0 (mean squared error on the
/// cosine of the pooled embeddings). With <see cref="FewShotOptions.InBatchLoss"/>, every pair is same-label and each
/// text learns to rank its partner above the batch's partners of other labels. Only the encoder trains. Validation
/// scores the embedding space by nearest-centroid accuracy on the validation examples.
/// </summary>
public sealed class ContrastivePairTask : ITrainingTask
{
    private readonly BertForSequenceClassification model;
    private readonly IReadOnlyList<EncodedExample> train;
    private readonly IReadOnlyList<EncodedExample> validation;
    private readonly int padId;
    private readonly int batchSize;
    private readonly int evalBatchSize;
    private readonly int seed;
    private readonly List<SentencePair> pairs = [];
    private readonly int pairsPerEpoch;
    private readonly bool inBatch;

    /// <summary>
    /// The factor on cosine similarities before the in-batch cross-entropy (an inverse temperature of 1/0.05), the
    /// default of sentence-transformers' MultipleNegativesRankingLoss.
    /// </summary>
    private const float InBatchScale = 20f;

    /// <param name="model">The classifier whose encoder is tuned; its head is left untouched.</param>
    /// <param name="train">Training examples; their labels define the pairs.</param>
    /// <param name="validation">Validation examples; a label id of -1 leaves the example out of the score.</param>
    /// <param name="padId">The tokenizer's [PAD] id.</param>
    /// <param name="options">Batch size (pairs per forward pass), epochs and seed.</param>
    /// <param name="pairsPerExample">Pairs per training example and epoch, drawn anew each epoch.</param>
    /// <param name="loss"><see cref="FewShotOptions.CosineLoss"/> or <see cref="FewShotOptions.InBatchLoss"/>.</param>
    public ContrastivePairTask(BertForSequenceClassification model, IReadOnlyList<EncodedExample> train,
        IReadOnlyList<EncodedExample> validation, int padId, TrainingOptions options, int pairsPerExample,
        string loss = FewShotOptions.CosineLoss)
    {
        inBatch = loss == FewShotOptions.InBatchLoss;
        this.model = model;
        this.train = train;
        this.validation = validation;
        this.padId = padId;
        batchSize = options.BatchSize;
        evalBatchSize = options.EvalBatchSize;
        seed = options.Seed;

        // Pairs for every epoch up front, so a batch of indices names its pairs without epoch state.
        var labelIds = train.Select(e => e.LabelId).ToList();
        for (var epoch = 1; epoch <= options.NumTrainEpochs; epoch++)
        {
            pairs.AddRange(PairSampler.Sample(labelIds, pairsPerExample, unchecked(seed * 7919 + epoch), inBatch));
        }

        pairsPerEpoch = pairs.Count / options.NumTrainEpochs;
    }

    public nn.Module Model => model.Bert;

    /// <summary>Number of pairs per epoch, which is what the trainer counts as examples.</summary>
    public int TrainCount => pairsPerEpoch;

    public int ValidationCount => validation.Count;

    public string ScoreName => "centroid_accuracy";

    /// <summary>
    /// Returns the epoch's pairs in batches of similar length, because both sides of every pair in a batch are
    /// padded to its longest text. The cosine loss of a pair does not depend on its batch, but the in-batch loss
    /// takes its negatives from pairs of similar length.
    /// </summary>
    public IReadOnlyList<int[]> BatchesForEpoch(int epoch)
    {
        var first = (epoch - 1) * pairsPerEpoch;
        var lengths = Enumerable.Range(first, pairsPerEpoch)
            .Select(i => Math.Max(train[pairs[i].First].InputIds.Length, train[pairs[i].Second].InputIds.Length))
            .ToArray();
        var sampler = new LengthGroupedBatchSampler(lengths, batchSize, seed);
        return sampler.BatchesForEpoch(epoch)
            .Select(batch => batch.Select(i => first + i).ToArray())
            .ToList();
    }

    public BatchLoss Loss(IReadOnlyList<int> indices, Device device)
    {
        // Both sides of every pair in one padded batch: rows [0, n) are anchors and [n, 2n) their partners.
        var rows = indices.Select(i => pairs[i].First).Concat(indices.Select(i => pairs[i].Second)).ToList();
        using var batch = TensorBatch.Collate(train, rows, padId, device);
        var embeddings = model.Embed(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds); // (2 * pairs, hidden)
        var (anchors, partners) = (embeddings[..indices.Count], embeddings[indices.Count..]);  // (pairs, hidden)

        var loss = inBatch
            ? InBatchLoss(indices, anchors, partners, device)
            : CosineLoss(indices, anchors, partners, device);
        return new BatchLoss(loss, indices.Count, batch.RealTokens, (int)batch.InputIds.numel());
    }

    private Tensor CosineLoss(IReadOnlyList<int> indices, Tensor anchors, Tensor partners, Device device)
    {
        var cosine = nn.functional.cosine_similarity(anchors, partners, dim: 1);            // (pairs)
        var targets = tensor(indices.Select(i => pairs[i].Target).ToArray(), device: device); // (pairs)
        return nn.functional.mse_loss(cosine, targets);
    }

    private Tensor InBatchLoss(IReadOnlyList<int> indices, Tensor anchors, Tensor partners, Device device)
    {
        var labels = tensor(indices.Select(i => (long)train[pairs[i].First].LabelId).ToArray(), device: device);
        return InBatchRankingLoss(anchors, partners, labels);
    }

    /// <summary>
    /// Returns the mean cross-entropy of each anchor's scaled cosine similarities to all partners, with its own
    /// partner as the target. Other partners of the anchor's label are left out, because they are not negatives.
    /// </summary>
    /// <param name="anchors">(pairs, hidden) embeddings of the first texts.</param>
    /// <param name="partners">(pairs, hidden) embeddings of the second texts, of the same labels.</param>
    /// <param name="labels">(pairs) class index of each pair.</param>
    public static Tensor InBatchRankingLoss(Tensor anchors, Tensor partners, Tensor labels)
    {
        var count = anchors.shape[0];
        var scores = nn.functional.normalize(anchors, dim: 1)
            .mm(nn.functional.normalize(partners, dim: 1).t()) * InBatchScale;                 // (pairs, pairs)
        var sameLabel = labels.unsqueeze(1).eq(labels.unsqueeze(0));                             // (pairs, pairs)
        var notOwn = eye(count, dtype: ScalarType.Bool, device: anchors.device).logical_not();
        var masked = scores.masked_fill(sameLabel.logical_and(notOwn), float.NegativeInfinity);
        var targets = arange(count, dtype: ScalarType.Int64, device: anchors.device);            // (pairs)
        return nn.functional.cross_entropy(masked, targets);
    }

    public ValidationScores Validate(Device device)
    {
        var trainEmbeddings = SentenceEmbeddings.Compute(model, train, padId, evalBatchSize, device);
        var validationEmbeddings = SentenceEmbeddings.Compute(model, validation, padId, evalBatchSize, device);
        var accuracy = SentenceEmbeddings.CentroidAccuracy(trainEmbeddings, train.Select(e => e.LabelId).ToList(),
            validationEmbeddings, validation.Select(e => e.LabelId).ToList(), model.Config.NumLabels);

        // The loss reported is the centroid error rate, because validation has no pairs of its own.
        return new ValidationScores(1 - accuracy, accuracy,
            new Dictionary<string, double> { ["centroid_accuracy"] = accuracy });
    }
}
