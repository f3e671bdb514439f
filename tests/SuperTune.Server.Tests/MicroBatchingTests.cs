using System.Net;
using System.Text.Json;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

public sealed class MicroBatchingTests : IDisposable
{
    private readonly ModelFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task ConcurrentRequestsShareOnnxRuns()
    {
        // Given a server whose batches wait 50 ms for company
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath,
            options => options with { BatchWindow = TimeSpan.FromMilliseconds(50) });
        string[] texts = ["my card has not arrived", "refund please", "where is the package ?", "hello"];
        long runsBefore = server.Host.Current.Classifier.InferenceRunCount;

        // When 32 requests of one text arrive at once
        HttpExchange[] responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => HttpExchange.PostAsync(
            server.Client, "/v1/classify", JsonSerializer.Serialize(new { text = texts[i % 4] }))));

        // Then all succeed with the results of their own text, in fewer ONNX runs than requests
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.Status));
        var alone = texts.Select(text => server.Host.Current.Classifier.Classify([text])[0].Label).ToArray();
        for (int i = 0; i < responses.Length; i++)
        {
            Assert.Equal(alone[i % 4], responses[i].ResultLabels().Single());
        }

        long runs = server.Host.Current.Classifier.InferenceRunCount - runsBefore - texts.Length;
        Assert.InRange(runs, 1, 31);
        Assert.InRange(server.Batcher.BatchCount, 1, 31);
    }

    [Fact]
    public async Task MergedRequestsKeepTheirOwnOptions()
    {
        // Given a long window, so that both requests share one batch
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath,
            options => options with { BatchWindow = TimeSpan.FromMilliseconds(100) });

        // When one request sets top_k 1 and no threshold, and the other top_k 10 and threshold 1
        Task<HttpExchange> narrow = HttpExchange.PostAsync(server.Client, "/v1/classify",
            """{"texts": ["hello", "refund please"], "top_k": 1}""");
        Task<HttpExchange> wide = HttpExchange.PostAsync(server.Client, "/v1/classify",
            """{"text": "hello", "top_k": 10, "threshold": 1}""");
        HttpExchange[] responses = await Task.WhenAll(narrow, wide);

        // Then each gets what it asked for
        JsonElement narrowResults = responses[0].Json.GetProperty("results");
        Assert.Equal(2, narrowResults.GetArrayLength());
        Assert.All(narrowResults.EnumerateArray(), r => Assert.Equal(1, r.GetProperty("top").GetArrayLength()));
        Assert.All(narrowResults.EnumerateArray(), r => Assert.False(r.GetProperty("fallback").GetBoolean()));
        JsonElement wideResult = responses[1].Json.GetProperty("results").EnumerateArray().Single();
        Assert.Equal(4, wideResult.GetProperty("top").GetArrayLength());
        Assert.True(wideResult.GetProperty("fallback").GetBoolean());
    }

    [Fact]
    public async Task BatchNeverExceedsTextLimit()
    {
        // Given batches of at most 4 texts
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath,
            options => options with { BatchWindow = TimeSpan.FromMilliseconds(50), MaxBatchTexts = 4 });

        // When 6 requests of 3 texts arrive at once
        HttpExchange[] responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            HttpExchange.PostAsync(server.Client, "/v1/classify", """{"texts": ["hello", "refund", "late"]}""")));

        // Then each request ran alone, because no two fit into one batch
        Assert.All(responses, response => Assert.Equal(3, response.ResultLabels().Count));
        Assert.Equal(6, server.Batcher.BatchCount);
    }
}
