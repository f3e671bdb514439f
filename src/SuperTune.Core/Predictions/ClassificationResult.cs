using System.Text.Json.Serialization;

namespace SuperTune.Core.Predictions;

/// <summary>A classifier's output for one text: the best label, its probability and the runners-up.</summary>
public sealed record ClassificationResult
{
    /// <summary>The classified text, or null when the caller chose not to echo it (the HTTP API omits it).</summary>
    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>The label with the highest probability, also when <see cref="Fallback"/> is true.</summary>
    [JsonPropertyName("label")] public required string Label { get; init; }

    /// <summary>Probability of <see cref="Label"/>: softmax of the logits divided by the model's temperature.</summary>
    [JsonPropertyName("score")] public required float Score { get; init; }

    /// <summary>The best labels in descending probability, <see cref="Label"/> first.</summary>
    [JsonPropertyName("top")] public required IReadOnlyList<LabelScore> TopLabels { get; init; }

    /// <summary>Whether <see cref="Score"/> is below the caller's threshold, so a fallback should take over.</summary>
    [JsonPropertyName("fallback")] public required bool Fallback { get; init; }

    /// <summary>Whether the text was longer than the model's maximum length and its end was cut.</summary>
    [JsonPropertyName("truncated")] public required bool Truncated { get; init; }

    /// <summary>Whether the model's out-of-scope rule rejects the text, so it belongs to none of the labels.</summary>
    [JsonPropertyName("out_of_scope")] public bool OutOfScope { get; init; }

    /// <summary>Why the text is out of scope, such as "confidence 0.312 is below the threshold 0.450"; else null.</summary>
    [JsonPropertyName("out_of_scope_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OutOfScopeReason { get; init; }
}
