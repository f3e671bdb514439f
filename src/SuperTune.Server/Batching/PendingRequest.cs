namespace SuperTune.Server.Batching;

/// <summary>One request waiting in a batch queue, with the task its handler awaits.</summary>
internal class PendingRequest<TOutcome>
{
    public PendingRequest(IReadOnlyList<string> texts, CancellationToken aborted)
    {
        Texts = texts;
        Aborted = aborted;
    }

    public IReadOnlyList<string> Texts { get; }

    /// <summary>Signals that the client went away, so the request can leave the batch.</summary>
    public CancellationToken Aborted { get; }

    // Continuations run on the thread pool, not on the batch loop that completes the task.
    public TaskCompletionSource<TOutcome> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
