using Microsoft.Extensions.Logging;
using SuperTune.Core.Predictions;
using SuperTune.Inference;
using SuperTune.Server.Hosting;

namespace SuperTune.Server.Batching;

/// <summary>
/// Merges concurrent entity requests into one <see cref="OnnxEntityTagger.Predict"/> call, with the batch window and
/// limits of <see cref="ClassifyBatcher"/> but a queue of its own.
/// </summary>
internal sealed class EntityBatcher : MicroBatcher<PendingRequest<EntityOutcome>, EntityOutcome>
{
    private readonly ServedTagger _served;
    private readonly ILogger<EntityBatcher> _logger;

    public EntityBatcher(ServedTagger served, ServerOptions options, ILogger<EntityBatcher> logger) : base(options)
    {
        _served = served;
        _logger = logger;
    }

    /// <summary>Queues the texts and returns the task of their entities, or null when the queue is full.</summary>
    public Task<EntityOutcome>? TryEnqueue(IReadOnlyList<string> texts, CancellationToken aborted) =>
        TryEnqueue(new PendingRequest<EntityOutcome>(texts, aborted));

    protected override void RunBatch(IReadOnlyList<PendingRequest<EntityOutcome>> batch, List<string> texts)
    {
        OnnxEntityTagger tagger = _served.Tagger;
        IReadOnlyList<EntityResult> results = tagger.Predict(texts);

        int offset = 0;
        foreach (PendingRequest<EntityOutcome> pending in batch)
        {
            EntityResult[] slice = [.. results.Skip(offset).Take(pending.Texts.Count).Select(r => r with { Text = null })];
            offset += slice.Length;
            pending.Completion.TrySetResult(new EntityOutcome(tagger.Info.Name, slice));
        }
    }

    protected override void LogBatchFailed(Exception exception, int requestCount, int textCount) =>
        ServerLog.EntityBatchFailed(_logger, exception, requestCount, textCount);

    protected override void LogQueueFull(int capacity, long rejected) =>
        ServerLog.EntityQueueFull(_logger, capacity, rejected);
}
