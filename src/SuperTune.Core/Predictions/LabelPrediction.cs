using System.Text.Json.Serialization;

namespace SuperTune.Core.Predictions;

/// <summary>A classifier's prediction for one text: the best label, its probability and the runners-up.</summary>
public sealed record LabelPrediction
{
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("label")] public required string Label { get; init; }

    /// <summary>Softmax probability of <see cref="Label"/>.</summary>
    [JsonPropertyName("score")] public required float Score { get; init; }

    /// <summary>The best labels in descending probability, <see cref="Label"/> first.</summary>
    [JsonPropertyName("top")] public required IReadOnlyList<LabelScore> TopLabels { get; init; }

    /// <summary>Whether the text was longer than the model's maximum length and was cut.</summary>
    [JsonPropertyName("truncated")] public required bool Truncated { get; init; }

    /// <summary>Whether the model's out-of-scope rule rejects the text.</summary>
    [JsonPropertyName("out_of_scope")] public bool OutOfScope { get; init; }

    /// <summary>Why the text is out of scope; null when it is in scope.</summary>
    [JsonPropertyName("out_of_scope_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OutOfScopeReason { get; init; }
}
