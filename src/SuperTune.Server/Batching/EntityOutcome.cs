using SuperTune.Core.Predictions;

namespace SuperTune.Server.Batching;

/// <summary>The entities of one request's texts and the name of the tagger that found them.</summary>
internal sealed record EntityOutcome(string Model, IReadOnlyList<EntityResult> Results);
