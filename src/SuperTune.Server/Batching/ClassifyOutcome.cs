using SuperTune.Core.Predictions;

namespace SuperTune.Server.Batching;

/// <summary>The results of one request and the name of the model that produced them.</summary>
internal sealed record ClassifyOutcome(string Model, IReadOnlyList<ClassificationResult> Results);
