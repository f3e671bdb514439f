using System.Text.Json.Serialization;

namespace SuperTune.Server.Api;

/// <summary>
/// Body of <c>POST /v1/entities</c>: either <see cref="Texts"/> or <see cref="Text"/>. The handler parses the JSON
/// itself so that each error can name its field; this type describes the body in the OpenAPI document.
/// </summary>
internal sealed record EntitiesRequest
{
    /// <summary>The texts to tag, 1 to the server's limit (default 64).</summary>
    [JsonPropertyName("texts")] public IReadOnlyList<string>? Texts { get; init; }

    /// <summary>One text to tag, instead of <see cref="Texts"/>.</summary>
    [JsonPropertyName("text")] public string? Text { get; init; }
}
