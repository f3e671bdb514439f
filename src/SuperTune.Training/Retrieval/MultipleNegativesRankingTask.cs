using SuperTune.Core.Tokenization;
using SuperTune.Training.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training.Retrieval;

/// <summary>
/// Multiple-negatives ranking loss (Henderson et al. 2017, "Efficient Natural Language Response Suggestion for
/// Smart Reply"): in a batch of B pairs, each anchor's positive must score above the other B - 1 positives and
/// every mined hard negative, through a softmax over scaled cosine similarities. Batches come from
/// <see cref="DistinctAnswerBatchSampler"/>, so no in-batch negative shares the anchor's answer. Validation
/// ranks every validation positive for every validation anchor and selects by top-1 accuracy, where a
/// positive of the same answer key counts as right.
/// </summary>
public sealed class MultipleNegativesRankingTask : ITrainingTask
{
    private readonly ContrastiveBiEncoder model;
    private readonly EncodedPairs train;
    private readonly EncodedPairs validation;
    private readonly int padId;
    private readonly int evalBatchSize;
    private readonly DistinctAnswerBatchSampler sampler;

    public MultipleNegativesRankingTask(ContrastiveBiEncoder model, IReadOnlyList<RetrievalPair> train,
        IReadOnlyList<RetrievalPair> validation, BertWordPieceTokenizer tokenizer, int maxLength,
        TrainingOptions options)
    {
        this.model = model;
        padId = tokenizer.PadId;
        evalBatchSize = options.EvalBatchSize;
        var keyIds = new Dictionary<string, int>(StringComparer.Ordinal);
        this.train = EncodedPairs.Encode(train, tokenizer, maxLength, keyIds);
        this.validation = EncodedPairs.Encode(validation, tokenizer, maxLength, keyIds);
        sampler = new DistinctAnswerBatchSampler(this.train.KeyIds, options.BatchSize, options.Seed);
    }

    public nn.Module Model => model;

    public int TrainCount => train.Count;

    public int ValidationCount => validation.Count;

    public string ScoreName => "accuracy_at_1";

    /// <summary>Pairs per batch after the distinct-answer limit.</summary>
    public int EffectiveBatchSize => sampler.BatchSize;

    /// <summary>Truncated texts among the training anchors, positives and hard negatives.</summary>
    public int TruncatedTexts => train.Truncated;

    public IReadOnlyList<int[]> BatchesForEpoch(int epoch) => sampler.BatchesForEpoch(epoch);

    public BatchLoss Loss(IReadOnlyList<int> indices, Device device)
    {
        var (anchors, anchorTokens, anchorPadded) = Forward(train.Anchors, indices, device);       // (batch, hidden)
        var (candidates, candidateTokens, candidatePadded) = Forward(train.Positives, indices, device); // (batch, hidden)
        var hasNegatives = train.Negatives is not null;
        if (hasNegatives)
        {
            var (negatives, negativeTokens, negativePadded) = Forward(train.Negatives!, indices, device);
            candidates = cat([candidates, negatives], 0);                                          // (2 batch, hidden)
            candidateTokens += negativeTokens;
            candidatePadded += negativePadded;
        }

        // Row i's right column is i: its own positive among the batch's positives and hard negatives.
        var scores = anchors.matmul(candidates.t()) * model.Scale();                               // (batch, candidates)
        var labels = arange(indices.Count, int64, device);                                         // (batch)
        var loss = nn.functional.cross_entropy(scores, labels);
        return new BatchLoss(loss, indices.Count, anchorTokens + candidateTokens, anchorPadded + candidatePadded);
    }

    public ValidationScores Validate(Device device)
    {
        var anchors = TorchSentenceEmbedder.Embed(model.Encoder, validation.Anchors, padId, evalBatchSize, device);
        var positives = TorchSentenceEmbedder.Embed(model.Encoder, validation.Positives, padId, evalBatchSize, device);
        var scale = model.ScaleValue;

        // Softmax loss and top-1 accuracy of each anchor over all validation positives.
        var lossSum = 0.0;
        var right = 0;
        for (var row = 0; row < anchors.Length; row++)
        {
            var scores = positives.Select(p => scale * System.Numerics.Tensors.TensorPrimitives.Dot(anchors[row], p))
                .ToArray();
            var max = scores.Max();
            var logSumExp = max + Math.Log(scores.Sum(s => Math.Exp(s - max)));
            lossSum += logSumExp - scores[row];
            var best = Array.IndexOf(scores, max);
            if (validation.KeyIds[best] == validation.KeyIds[row]) right++;
        }

        var accuracy = (double)right / anchors.Length;
        return new ValidationScores(lossSum / anchors.Length, accuracy,
            new Dictionary<string, double> { ["accuracy_at_1"] = accuracy, ["scale"] = scale });
    }

    private (Tensor Embeddings, int RealTokens, int PaddedTokens) Forward(IReadOnlyList<EncodedExample> texts,
        IReadOnlyList<int> indices, Device device)
    {
        using var batch = TensorBatch.Collate(texts, indices, padId, device);
        var embeddings = model.Encoder.forward(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds); // (batch, hidden)
        return (embeddings, batch.RealTokens, (int)batch.InputIds.numel());
    }
}
