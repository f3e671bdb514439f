using System.Text.Json.Serialization;
using SuperTune.Core.Predictions;

namespace SuperTune.Server.Api;

/// <summary>The body of a <c>/v1/redact</c> answer: one result per request text, in order.</summary>
internal sealed record RedactResponse([property: JsonPropertyName("results")] IReadOnlyList<RedactedText> Results);

/// <summary>One redacted text and the spans replaced in the original, with UTF-16 and code point offsets.</summary>
internal sealed record RedactedText(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("entities")] IReadOnlyList<PredictedEntity> Entities);
