using SuperTune.Core.Predictions;

namespace SuperTune.Core.Redaction;

/// <summary>A redacted text and what was replaced in it.</summary>
/// <param name="Text">The text with every span replaced.</param>
/// <param name="Entities">The replaced spans with offsets into the original text, in order.</param>
public sealed record RedactionResult(string Text, IReadOnlyList<PredictedEntity> Entities);
