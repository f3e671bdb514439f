using System.Text.Json.Serialization;
using SuperTune.Core.Retrieval;

namespace SuperTune.Core.Models;

/// <summary>A sentence-embedding model's entries in <c>config.json</c>, under <c>supertune.retrieval</c>.</summary>
public sealed record RetrievalSettings
{
    /// <summary>"question" or "answer": which entry text messages are compared with (<see cref="MatchField"/>).</summary>
    [JsonPropertyName("match")] public string Match { get; init; } = MatchField.Question;

    /// <summary>Thresholds of this model, tuned on the validation split of the training pairs.</summary>
    [JsonPropertyName("thresholds")] public AnswerThresholds Thresholds { get; init; } = new();

    /// <summary>
    /// Thresholds of the untuned base model on the same validation split, so evaluation can compare the two
    /// at their own best operating points.
    /// </summary>
    [JsonPropertyName("baseline_thresholds")] public AnswerThresholds? BaselineThresholds { get; init; }
}
