using System.Text.Json.Serialization;
using SuperTune.Core;

namespace SuperTune.Training.FewShot;

/// <summary>Settings of the three few-shot stages; the end-to-end stage uses the ordinary training options.</summary>
public sealed record FewShotOptions
{
    /// <summary>
    /// Contrastive pairs per training example and epoch (<c>--pairs-per-example</c>): half positive with
    /// <see cref="CosineLoss"/>, all positive with <see cref="InBatchLoss"/>.
    /// </summary>
    [JsonPropertyName("pairs_per_example")] public int PairsPerExample { get; init; } = 20;

    /// <summary>
    /// Epochs of contrastive encoder tuning (<c>--contrastive-epochs</c>). Default 1; 0 skips the stage, so the head
    /// is a linear probe of the base encoder.
    /// </summary>
    [JsonPropertyName("contrastive_epochs")] public int ContrastiveEpochs { get; init; } = 1;

    /// <summary>
    /// Peak learning rate of contrastive tuning (<c>--contrastive-learning-rate</c>). Default 2e-5, SetFit's
    /// default body learning rate.
    /// </summary>
    [JsonPropertyName("contrastive_learning_rate")] public double ContrastiveLearningRate { get; init; } = 2e-5;

    /// <summary>
    /// Loss of contrastive tuning (<c>--contrastive-loss</c>): <see cref="InBatchLoss"/> (default) or
    /// <see cref="CosineLoss"/>. On Banking77 with 10 texts per intent, the in-batch loss scored higher on the
    /// validation texts of three seeds out of three.
    /// </summary>
    [JsonPropertyName("contrastive_loss")] public string ContrastiveLoss { get; init; } = InBatchLoss;

    /// <summary>
    /// SetFit's loss: the squared error between each pair's cosine similarity and its target, 1 for same-label pairs
    /// and 0 for different-label pairs, which are half of the pairs.
    /// </summary>
    public const string CosineLoss = "cosine";

    /// <summary>
    /// Cross-entropy over the scaled cosine similarities of a batch of same-label pairs: each text must pick its own
    /// partner among the batch's partners of other labels (the multiple-negatives ranking loss of
    /// sentence-transformers, with partners of the same label left out). Every pair is positive, and every other
    /// label in the batch is a negative.
    /// </summary>
    public const string InBatchLoss = "in-batch";

    /// <summary>The values of <see cref="ContrastiveLoss"/>.</summary>
    public static IReadOnlyList<string> ContrastiveLosses { get; } = [CosineLoss, InBatchLoss];

    /// <summary>Epochs of head training on the frozen, tuned embeddings (<c>--head-epochs</c>). Default 50.</summary>
    [JsonPropertyName("head_epochs")] public int HeadEpochs { get; init; } = 50;

    /// <summary>Peak learning rate of head training (<c>--head-learning-rate</c>). Default 1e-2.</summary>
    [JsonPropertyName("head_learning_rate")] public double HeadLearningRate { get; init; } = 1e-2;

    /// <summary>
    /// Epochs of a final cross-entropy pass over encoder and head with the ordinary options
    /// (<c>--end-to-end-epochs</c>); 0 (default) skips it.
    /// </summary>
    [JsonPropertyName("end_to_end_epochs")] public int EndToEndEpochs { get; init; }

    /// <summary>Upper limit of <see cref="PairsPerExample"/>, because the pairs of every epoch are drawn up front.</summary>
    public const int MaxPairsPerExample = 1000;

    /// <summary>Upper limit of the contrastive pairs of a whole run, which are held in memory together.</summary>
    public const long MaxPairs = 20_000_000;

    /// <summary>Upper limit of the contrastive and end-to-end epochs.</summary>
    public const int MaxEpochs = 100;

    /// <summary>Upper limit of <see cref="HeadEpochs"/>.</summary>
    public const int MaxHeadEpochs = 10_000;

    /// <summary>Reports every invalid setting in one error that names its option.</summary>
    /// <exception cref="SuperTuneException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (PairsPerExample is < 2 or > MaxPairsPerExample)
        {
            problems.Add($"--pairs-per-example must be from 2 to {MaxPairsPerExample}, got {PairsPerExample}");
        }

        if (ContrastiveEpochs is < 0 or > MaxEpochs)
        {
            problems.Add($"--contrastive-epochs must be from 0 (skip) to {MaxEpochs}, got {ContrastiveEpochs}");
        }

        if (!(ContrastiveLearningRate > 0 && ContrastiveLearningRate <= 1e-2))
        {
            problems.Add($"--contrastive-learning-rate must be in (0, 0.01], got {ContrastiveLearningRate}");
        }

        if (!ContrastiveLosses.Contains(ContrastiveLoss))
        {
            problems.Add($"--contrastive-loss must be {string.Join(" or ", ContrastiveLosses)}, got \"{ContrastiveLoss}\"");
        }

        if (HeadEpochs is < 1 or > MaxHeadEpochs)
        {
            problems.Add($"--head-epochs must be from 1 to {MaxHeadEpochs}, got {HeadEpochs}");
        }

        if (!(HeadLearningRate > 0 && HeadLearningRate <= 1e-2))
        {
            problems.Add($"--head-learning-rate must be in (0, 0.01], got {HeadLearningRate}");
        }

        if (EndToEndEpochs is < 0 or > MaxEpochs)
        {
            problems.Add($"--end-to-end-epochs must be from 0 (off) to {MaxEpochs}, got {EndToEndEpochs}");
        }

        if (problems.Count > 0)
        {
            throw new SuperTuneException("Invalid few-shot options: " + string.Join("; ", problems) + ".");
        }
    }

    /// <summary>Throws when contrastive tuning on <paramref name="examples"/> training examples would draw too many pairs.</summary>
    /// <exception cref="SuperTuneException">More than <see cref="MaxPairs"/> pairs in all.</exception>
    public void CheckPairCount(int examples)
    {
        var pairs = (long)examples * PairsPerExample * ContrastiveEpochs;
        if (pairs <= MaxPairs) return;

        throw new SuperTuneException(
            $"Few-shot contrastive tuning would draw {pairs:N0} pairs ({examples:N0} examples x --pairs-per-example " +
            $"{PairsPerExample} x --contrastive-epochs {ContrastiveEpochs}), above the limit of {MaxPairs:N0}.",
            "Lower --pairs-per-example or --contrastive-epochs, or use --mode standard for this much data.");
    }
}
