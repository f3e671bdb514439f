using System.Text.Json.Serialization;

namespace SuperTune.Core.Predictions;

/// <summary>
/// One entity found in a text, with offsets in both conventions: UTF-16 code units for C# and JavaScript
/// strings, and Unicode code points for Python and annotation tools.
/// </summary>
public sealed record PredictedEntity
{
    /// <summary>Entity type, such as <c>city</c> or <c>EMAIL</c>.</summary>
    [JsonPropertyName("label")] public required string Label { get; init; }

    /// <summary>The mention: <c>text[Start..End]</c>.</summary>
    [JsonPropertyName("text")] public required string Text { get; init; }

    /// <summary>UTF-16 offset of the first character.</summary>
    [JsonPropertyName("start")] public required int Start { get; init; }

    /// <summary>UTF-16 offset after the last character.</summary>
    [JsonPropertyName("end")] public required int End { get; init; }

    /// <summary>Code point offset of the first character.</summary>
    [JsonPropertyName("code_point_start")] public required int CodePointStart { get; init; }

    /// <summary>Code point offset after the last character.</summary>
    [JsonPropertyName("code_point_end")] public required int CodePointEnd { get; init; }

    /// <summary>
    /// Confidence from 0 to 1: for a model, the mean probability of the chosen tag over the mention's words; for
    /// a deterministic detector, 1.
    /// </summary>
    [JsonPropertyName("score")] public required double Score { get; init; }
}
