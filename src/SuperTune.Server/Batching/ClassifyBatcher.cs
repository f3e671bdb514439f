using Microsoft.Extensions.Logging;
using SuperTune.Core.Predictions;
using SuperTune.Inference;
using SuperTune.Server.Hosting;

namespace SuperTune.Server.Batching;

/// <summary>Merges concurrent classify requests into one <see cref="OnnxClassifier.Classify"/> call.</summary>
internal sealed class ClassifyBatcher : MicroBatcher<PendingClassification, ClassifyOutcome>
{
    private readonly ModelHost _host;
    private readonly ILogger<ClassifyBatcher> _logger;

    public ClassifyBatcher(ModelHost host, ServerOptions options, ILogger<ClassifyBatcher> logger) : base(options)
    {
        _host = host;
        _logger = logger;
    }

    /// <summary>Queues the texts and returns the task of their results, or null when the queue is full.</summary>
    public Task<ClassifyOutcome>? TryEnqueue(IReadOnlyList<string> texts, ClassifyOptions options,
        CancellationToken aborted) => TryEnqueue(new PendingClassification(texts, options, aborted));

    protected override void RunBatch(IReadOnlyList<PendingClassification> batch, List<string> texts)
    {
        using ModelLease lease = _host.Acquire();
        OnnxClassifier classifier = lease.Classifier;

        // Rank every label once; each request then keeps its own top_k and applies its own threshold.
        var everyLabel = new ClassifyOptions { TopK = classifier.Labels.Count };
        IReadOnlyList<ClassificationResult> results = classifier.Classify(texts, everyLabel);

        int offset = 0;
        foreach (PendingClassification pending in batch)
        {
            var slice = new ClassificationResult[pending.Texts.Count];
            for (int i = 0; i < slice.Length; i++)
            {
                slice[i] = Trim(results[offset + i], pending.Options);
            }

            offset += slice.Length;
            pending.Completion.TrySetResult(new ClassifyOutcome(classifier.Info.Name, slice));
        }
    }

    protected override void LogBatchFailed(Exception exception, int requestCount, int textCount) =>
        ServerLog.BatchFailed(_logger, exception, requestCount, textCount);

    protected override void LogQueueFull(int capacity, long rejected) => ServerLog.QueueFull(_logger, capacity, rejected);

    private static ClassificationResult Trim(ClassificationResult result, ClassifyOptions options) => result with
    {
        Text = null,
        TopLabels = result.TopLabels.Take(options.TopK).ToArray(),
        Fallback = result.Score < options.Threshold,
    };
}
