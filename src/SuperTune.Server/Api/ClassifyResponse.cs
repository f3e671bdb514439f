using System.Text.Json.Serialization;
using SuperTune.Core.Predictions;

namespace SuperTune.Server.Api;

/// <summary>Body of a successful <c>POST /v1/classify</c>: the model's name and a result per text, in order.</summary>
internal sealed record ClassifyResponse(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("results")] IReadOnlyList<ClassificationResult> Results);
