using System.Text.Json.Serialization;
using SuperTune.Core.Predictions;

namespace SuperTune.Server.Api;

/// <summary>The body of a <c>/v1/entities</c> response: the tagger's name and one result per request text, in order.</summary>
internal sealed record EntitiesResponse(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("results")] IReadOnlyList<EntityResult> Results);
