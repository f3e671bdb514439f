using System.Text.Json.Serialization;

namespace SuperTune.Server.Api;

/// <summary>Body of <c>GET /v1/models</c>: the served models, which is one today.</summary>
internal sealed record ModelListResponse([property: JsonPropertyName("models")] IReadOnlyList<ModelJson> Models);
