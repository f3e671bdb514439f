using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SuperTune.Core.Predictions;
using SuperTune.Inference;
using SuperTune.Server.Hosting;

namespace SuperTune.Server.Batching;

/// <summary>
/// Merges concurrent classify requests into one <see cref="OnnxClassifier.Classify"/> call. The first
/// request of a batch waits up to the batch window for others, the batch closes early at the text limit,
/// and each request then gets its own slice of the results.
/// </summary>
internal sealed class ClassifyBatcher : BackgroundService
{
    private readonly Channel<PendingClassification> _queue;
    private readonly ModelHost _host;
    private readonly ServerOptions _options;
    private readonly ILogger<ClassifyBatcher> _logger;
    private PendingClassification? _carried;
    private long _batchCount;
    private long _rejectedCount;

    public ClassifyBatcher(ModelHost host, ServerOptions options, ILogger<ClassifyBatcher> logger)
    {
        _host = host;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingClassification>(new BoundedChannelOptions(options.MaxQueuedRequests)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Number of classifier calls made so far, one per merged batch.</summary>
    public long BatchCount => Interlocked.Read(ref _batchCount);

    /// <summary>Queues the texts and returns the task of their results, or null when the queue is full.</summary>
    public Task<ClassifyOutcome>? TryEnqueue(IReadOnlyList<string> texts, ClassifyOptions options,
        CancellationToken aborted)
    {
        var pending = new PendingClassification(texts, options, aborted);
        if (_queue.Writer.TryWrite(pending))
        {
            return pending.Completion.Task;
        }

        long rejected = Interlocked.Increment(ref _rejectedCount);
        if (rejected == 1 || rejected % 1000 == 0)
        {
            ServerLog.QueueFull(_logger, _options.MaxQueuedRequests, rejected);
        }

        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                List<PendingClassification> batch = await CollectAsync(stoppingToken);
                Run(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the requests still queued are cancelled below.
        }

        _queue.Writer.TryComplete();
        _carried?.Completion.TrySetCanceled(stoppingToken);
        while (_queue.Reader.TryRead(out PendingClassification? pending))
        {
            pending.Completion.TrySetCanceled(stoppingToken);
        }
    }

    private async Task<List<PendingClassification>> CollectAsync(CancellationToken stoppingToken)
    {
        PendingClassification first = _carried ?? await _queue.Reader.ReadAsync(stoppingToken);
        _carried = null;
        var batch = new List<PendingClassification> { first };
        int textCount = first.Texts.Count;
        long deadline = Stopwatch.GetTimestamp() + (long)(_options.BatchWindow.TotalSeconds * Stopwatch.Frequency);

        while (textCount < _options.MaxBatchTexts)
        {
            while (textCount < _options.MaxBatchTexts && _queue.Reader.TryRead(out PendingClassification? next))
            {
                if (textCount + next.Texts.Count > _options.MaxBatchTexts)
                {
                    _carried = next; // Too big to join: it starts the next batch.
                    return batch;
                }

                batch.Add(next);
                textCount += next.Texts.Count;
            }

            TimeSpan remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || textCount >= _options.MaxBatchTexts
                || !await WaitForMoreAsync(remaining, stoppingToken))
            {
                break;
            }
        }

        return batch;
    }

    // Returns false when the window closed without a new request.
    private async Task<bool> WaitForMoreAsync(TimeSpan remaining, CancellationToken stoppingToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(remaining);
        try
        {
            return await _queue.Reader.WaitToReadAsync(window.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Run(List<PendingClassification> batch)
    {
        batch.RemoveAll(pending => pending.Aborted.IsCancellationRequested && pending.Completion.TrySetCanceled());
        if (batch.Count == 0)
        {
            return;
        }

        List<string> texts = batch.SelectMany(pending => pending.Texts).ToList();
        try
        {
            using ModelLease lease = _host.Acquire();
            OnnxClassifier classifier = lease.Classifier;

            // Rank every label once; each request then keeps its own top_k and applies its own threshold.
            var everyLabel = new ClassifyOptions { TopK = classifier.Labels.Count };
            IReadOnlyList<ClassificationResult> results = classifier.Classify(texts, everyLabel);
            Interlocked.Increment(ref _batchCount);

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
        catch (Exception e)
        {
            // The handlers turn this into a 500 problem without the exception text.
            ServerLog.BatchFailed(_logger, e, batch.Count, texts.Count);
            foreach (PendingClassification pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }

    private static ClassificationResult Trim(ClassificationResult result, ClassifyOptions options) => result with
    {
        Text = null,
        TopLabels = result.TopLabels.Take(options.TopK).ToArray(),
        Fallback = result.Score < options.Threshold,
    };
}
