using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

public sealed class RequestLogTests : IDisposable
{
    private const string Secret = "my card number is 4111";

    private readonly ModelFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task RequestLineHasStatusAndTextCount()
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);

        await HttpExchange.PostAsync(server.Client, "/v1/classify", """{"texts": ["hello", "refund please"]}""");
        await HttpExchange.PostAsync(server.Client, "/v1/classify", """{"texts": []}""");

        var lines = server.Logs.Entries.Where(entry => entry.EventId.Id == 1).Select(entry => entry.Message).ToList();
        Assert.Contains(lines,
            line => line.StartsWith("POST /v1/classify responded 200 in ") && line.EndsWith(" with 2 texts"));
        Assert.Contains(lines,
            line => line.StartsWith("POST /v1/classify responded 400 in ") && line.EndsWith(" with 0 texts"));
    }

    [Fact]
    public async Task TextStaysOutOfLogByDefault()
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);

        await HttpExchange.PostAsync(server.Client, "/v1/classify", $$"""{"text": "{{Secret}}"}""");

        Assert.DoesNotContain(Secret, server.Logs.AllText);
    }

    [Fact]
    public async Task TextIsLoggedWhenEnabled()
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath,
            options => options with { LogRequestText = true });

        await HttpExchange.PostAsync(server.Client, "/v1/classify", $$"""{"text": "{{Secret}}"}""");

        Assert.Contains(Secret, server.Logs.AllText);
    }
}
