using System.Text.Json.Serialization;
using SuperTune.Core;

namespace SuperTune.Training.FewShot;

/// <summary>Settings of the three few-shot stages; the end-to-end stage uses the ordinary training options.</summary>
public sealed record FewShotOptions
{
    /// <summary>Contrastive pairs per training example and epoch, half positive (<c>--pairs-per-example</c>).</summary>
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

    /// <summary>Epochs of head training on the frozen, tuned embeddings (<c>--head-epochs</c>). Default 50.</summary>
    [JsonPropertyName("head_epochs")] public int HeadEpochs { get; init; } = 50;

    /// <summary>Peak learning rate of head training (<c>--head-learning-rate</c>). Default 1e-2.</summary>
    [JsonPropertyName("head_learning_rate")] public double HeadLearningRate { get; init; } = 1e-2;

    /// <summary>
    /// Epochs of a final cross-entropy pass over encoder and head with the ordinary options
    /// (<c>--end-to-end-epochs</c>); 0 (default) skips it.
    /// </summary>
    [JsonPropertyName("end_to_end_epochs")] public int EndToEndEpochs { get; init; }

    /// <summary>Reports every invalid setting in one error that names its option.</summary>
    /// <exception cref="SuperTuneException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (PairsPerExample < 2) problems.Add($"--pairs-per-example must be at least 2, got {PairsPerExample}");
        if (ContrastiveEpochs < 0) problems.Add($"--contrastive-epochs must be 0 (skip) or more, got {ContrastiveEpochs}");
        if (!(ContrastiveLearningRate > 0 && ContrastiveLearningRate <= 1e-2))
        {
            problems.Add($"--contrastive-learning-rate must be in (0, 0.01], got {ContrastiveLearningRate}");
        }

        if (HeadEpochs < 1) problems.Add($"--head-epochs must be at least 1, got {HeadEpochs}");
        if (!(HeadLearningRate > 0 && HeadLearningRate <= 1e-2))
        {
            problems.Add($"--head-learning-rate must be in (0, 0.01], got {HeadLearningRate}");
        }

        if (EndToEndEpochs < 0) problems.Add($"--end-to-end-epochs must be 0 (off) or more, got {EndToEndEpochs}");
        if (problems.Count > 0)
        {
            throw new SuperTuneException("Invalid few-shot options: " + string.Join("; ", problems) + ".");
        }
    }
}
