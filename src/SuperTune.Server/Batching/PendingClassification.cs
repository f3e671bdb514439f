using SuperTune.Inference;

namespace SuperTune.Server.Batching;

/// <summary>One classify request waiting in the batch queue, with its own top_k and threshold.</summary>
internal sealed class PendingClassification(IReadOnlyList<string> texts, ClassifyOptions options,
    CancellationToken aborted) : PendingRequest<ClassifyOutcome>(texts, aborted)
{
    public ClassifyOptions Options { get; } = options;
}
