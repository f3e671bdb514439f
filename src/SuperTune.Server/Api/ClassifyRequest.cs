using System.Text.Json.Serialization;

namespace SuperTune.Server.Api;

/// <summary>
/// Body of <c>POST /v1/classify</c>: either <see cref="Texts"/> or <see cref="Text"/>, and optional
/// <see cref="TopK"/> and <see cref="Threshold"/>. The handler parses the JSON itself so that each error can
/// name its field; this type describes the body in the OpenAPI document.
/// </summary>
internal sealed record ClassifyRequest
{
    /// <summary>The texts to classify, 1 to the server's limit (default 64).</summary>
    [JsonPropertyName("texts")] public IReadOnlyList<string>? Texts { get; init; }

    /// <summary>One text to classify, instead of <see cref="Texts"/>.</summary>
    [JsonPropertyName("text")] public string? Text { get; init; }

    /// <summary>Number of labels in each result's <c>top</c> list (default 3).</summary>
    [JsonPropertyName("top_k")] public int? TopK { get; init; }

    /// <summary>Minimum best score from 0 to 1; a result below it has <c>fallback</c> true (default 0).</summary>
    [JsonPropertyName("threshold")] public float? Threshold { get; init; }
}
