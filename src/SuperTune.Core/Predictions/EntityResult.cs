using System.Text.Json.Serialization;

namespace SuperTune.Core.Predictions;

/// <summary>The entities a tagger found in one text.</summary>
public sealed record EntityResult
{
    /// <summary>The tagged text, or null when the caller chose not to echo it.</summary>
    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>The entities in text order, without overlap.</summary>
    [JsonPropertyName("entities")] public required IReadOnlyList<PredictedEntity> Entities { get; init; }

    /// <summary>Whether the text was longer than the model's maximum length, so words at its end were not tagged.</summary>
    [JsonPropertyName("truncated")] public required bool Truncated { get; init; }
}
