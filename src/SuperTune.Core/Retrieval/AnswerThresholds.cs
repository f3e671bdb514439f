using System.Text.Json.Serialization;

namespace SuperTune.Core.Retrieval;

/// <summary>
/// Score thresholds of the answer decision: at or above <see cref="Answer"/> the best answer is sent, at or above
/// <see cref="Clarify"/> the customer chooses among the top candidates, below it the message goes to a person.
/// </summary>
public sealed record AnswerThresholds
{
    /// <summary>Lowest top score that is answered automatically; tuned for <see cref="TargetPrecision"/>.</summary>
    [JsonPropertyName("answer")] public double Answer { get; init; } = ThresholdTuner.Never;

    /// <summary>Lowest top score for which a clarifying question is asked instead of escalating.</summary>
    [JsonPropertyName("clarify")] public double Clarify { get; init; } = ThresholdTuner.Never;

    /// <summary>Precision that <see cref="Answer"/> was tuned for on the validation split, such as 0.99.</summary>
    [JsonPropertyName("target_precision")] public double TargetPrecision { get; init; } = 0.99;
}
