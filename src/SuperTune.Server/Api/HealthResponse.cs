using System.Text.Json.Serialization;

namespace SuperTune.Server.Api;

/// <summary>Body of <c>/healthz</c> and <c>/readyz</c>.</summary>
internal sealed record HealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("model")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Model);
