using System.Text.Json.Serialization;

namespace SuperTune.Server.Api;

/// <summary>
/// Optional body of <c>POST /v1/models/reload</c>. Without a body, or without <see cref="Model"/>, the
/// current model folder is loaded again.
/// </summary>
internal sealed record ReloadRequest
{
    /// <summary>Path of another model folder to serve, on the server's disk.</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }
}
