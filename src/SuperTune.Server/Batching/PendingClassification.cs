using SuperTune.Inference;

namespace SuperTune.Server.Batching;

/// <summary>One request waiting in the batch queue, with the task its handler awaits.</summary>
internal sealed class PendingClassification
{
    public PendingClassification(IReadOnlyList<string> texts, ClassifyOptions options, CancellationToken aborted)
    {
        Texts = texts;
        Options = options;
        Aborted = aborted;
    }

    public IReadOnlyList<string> Texts { get; }

    public ClassifyOptions Options { get; }

    /// <summary>Signals that the client went away, so the request can leave the batch.</summary>
    public CancellationToken Aborted { get; }

    // Continuations run on the thread pool, not on the batch loop that completes the task.
    public TaskCompletionSource<ClassifyOutcome> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
