using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace SuperTune.Server.Batching;

/// <summary>
/// Merges concurrent requests into one model call. The first request of a batch waits up to the batch window for
/// others, the batch closes early at the text limit, and each request then gets its own slice of the results.
/// </summary>
/// <typeparam name="TPending">The queued request, with whatever options its handler passed.</typeparam>
/// <typeparam name="TOutcome">What each request's handler receives.</typeparam>
internal abstract class MicroBatcher<TPending, TOutcome> : BackgroundService
    where TPending : PendingRequest<TOutcome>
{
    private readonly Channel<TPending> _queue;
    private readonly ServerOptions _options;
    private TPending? _carried;
    private long _batchCount;
    private long _rejectedCount;

    protected MicroBatcher(ServerOptions options)
    {
        _options = options;
        _queue = Channel.CreateBounded<TPending>(new BoundedChannelOptions(options.MaxQueuedRequests)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Number of model calls made so far, one per merged batch.</summary>
    public long BatchCount => Interlocked.Read(ref _batchCount);

    /// <summary>Queues the request and returns the task of its outcome, or null when the queue is full.</summary>
    protected Task<TOutcome>? TryEnqueue(TPending pending)
    {
        if (_queue.Writer.TryWrite(pending))
        {
            return pending.Completion.Task;
        }

        long rejected = Interlocked.Increment(ref _rejectedCount);
        if (rejected == 1 || rejected % 1000 == 0)
        {
            LogQueueFull(_options.MaxQueuedRequests, rejected);
        }

        return null;
    }

    /// <summary>Runs the model once on <paramref name="texts"/> and completes every request of the batch.</summary>
    /// <param name="texts">The texts of every request in <paramref name="batch"/>, in order.</param>
    protected abstract void RunBatch(IReadOnlyList<TPending> batch, List<string> texts);

    /// <summary>Logs a failed batch, whose requests then fail with the exception.</summary>
    protected abstract void LogBatchFailed(Exception exception, int requestCount, int textCount);

    /// <summary>Logs that a request was rejected because the queue was full.</summary>
    protected abstract void LogQueueFull(int capacity, long rejected);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                List<TPending> batch = await CollectAsync(stoppingToken);
                Run(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the requests still queued are cancelled below.
        }

        _queue.Writer.TryComplete();
        _carried?.Completion.TrySetCanceled(stoppingToken);
        while (_queue.Reader.TryRead(out TPending? pending))
        {
            pending.Completion.TrySetCanceled(stoppingToken);
        }
    }

    private async Task<List<TPending>> CollectAsync(CancellationToken stoppingToken)
    {
        TPending first = _carried ?? await _queue.Reader.ReadAsync(stoppingToken);
        _carried = null;
        var batch = new List<TPending> { first };
        int textCount = first.Texts.Count;
        long deadline = Stopwatch.GetTimestamp() + (long)(_options.BatchWindow.TotalSeconds * Stopwatch.Frequency);

        while (textCount < _options.MaxBatchTexts)
        {
            while (textCount < _options.MaxBatchTexts && _queue.Reader.TryRead(out TPending? next))
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

    private void Run(List<TPending> batch)
    {
        batch.RemoveAll(pending => pending.Aborted.IsCancellationRequested && pending.Completion.TrySetCanceled());
        if (batch.Count == 0)
        {
            return;
        }

        List<string> texts = batch.SelectMany(pending => pending.Texts).ToList();
        try
        {
            RunBatch(batch, texts);
            Interlocked.Increment(ref _batchCount);
        }
        catch (Exception e)
        {
            // The handlers turn this into a 500 problem without the exception text.
            LogBatchFailed(e, batch.Count, texts.Count);
            foreach (TPending pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }
}
