using SuperTune.Inference;

namespace SuperTune.Server.Hosting;

/// <summary>The entity tagger that the server loaded at start, which is never reloaded, and when it was loaded.</summary>
internal sealed record ServedTagger(OnnxEntityTagger Tagger, DateTimeOffset LoadedAt);
