using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace SuperTune.Bench;

/// <summary>
/// Sends one text per POST /v1/classify request from several concurrent loops until a request count or a time
/// limit is reached, recording latency, failures and the process working set.
/// </summary>
public static class HttpLoad
{
    /// <summary>
    /// Sends the requests to <paramref name="baseAddress"/>, cycling through <paramref name="texts"/>, with
    /// <paramref name="apiKey"/> in the X-API-Key header unless it is null.
    /// </summary>
    public static async Task<HttpLoadResult> RunAsync(Uri baseAddress, IReadOnlyList<string> texts, int concurrency,
        int requestCount, TimeSpan timeLimit, string? apiKey = null)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        }

        var latencies = new ConcurrentQueue<double>();
        var memory = new List<double>();
        int issued = 0, completed = 0, failed = 0;
        using var stop = new CancellationTokenSource(timeLimit);
        using var sampling = new CancellationTokenSource();
        Task sampler = SampleWorkingSetAsync(memory, sampling.Token);

        var clock = Stopwatch.StartNew();
        async Task LoopAsync()
        {
            int index;
            while (!stop.IsCancellationRequested && (index = Interlocked.Increment(ref issued) - 1) < requestCount)
            {
                string body = JsonSerializer.Serialize(new { texts = new[] { texts[index % texts.Count] } });
                long started = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using HttpResponseMessage response = await client.PostAsync("/v1/classify", content);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        latencies.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }

                Interlocked.Increment(ref completed);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(LoopAsync)));
        double seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;

        double[] sorted = latencies.ToArray();
        Array.Sort(sorted);
        return new HttpLoadResult(completed, failed, seconds, sorted, memory);
    }

    private static async Task SampleWorkingSetAsync(List<double> samples, CancellationToken token)
    {
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            process.Refresh();
            samples.Add(process.WorkingSet64 / (1024.0 * 1024.0));
        }
        while (await WaitAsync(timer, token));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
