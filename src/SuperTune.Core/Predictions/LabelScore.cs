using System.Text.Json.Serialization;

namespace SuperTune.Core.Predictions;

/// <summary>A label with its softmax probability.</summary>
public sealed record LabelScore([property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("score")] float Score);
