using System.Text.Json.Serialization;

namespace SuperTune.Core.Retrieval;

/// <summary>
/// Thresholds of the answer decision. Below <see cref="Clarify"/> (a cosine similarity) the message goes to a
/// person. Otherwise the best answer is sent when its confidence reaches <see cref="Answer"/>, and the customer
/// chooses among the top candidates when it does not.
/// </summary>
public sealed record AnswerThresholds
{
    /// <summary>
    /// Lowest confidence that is answered automatically; tuned for <see cref="TargetPrecision"/>. The confidence is
    /// the softmax probability of the best answer when <see cref="ConfidenceScale"/> is set, else its cosine.
    /// </summary>
    [JsonPropertyName("answer")] public double Answer { get; init; } = ThresholdTuner.Never;

    /// <summary>
    /// Scale of the softmax over the top distinct answers' cosines that gives the confidence: the scale that the
    /// ranking loss trained with. Null makes the confidence the best cosine itself, as in older model folders.
    /// </summary>
    [JsonPropertyName("confidence_scale")] public double? ConfidenceScale { get; init; }

    /// <summary>Lowest top score for which a clarifying question is asked instead of escalating.</summary>
    [JsonPropertyName("clarify")] public double Clarify { get; init; } = ThresholdTuner.Never;

    /// <summary>Precision that <see cref="Answer"/> was tuned for on the validation split, such as 0.99.</summary>
    [JsonPropertyName("target_precision")] public double TargetPrecision { get; init; } = 0.99;
}
