using System.Net;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Key = "s3cret-key-for-tests";
    private const string ClassifyBody = """{"text": "refund please"}""";

    private readonly ModelFolders _folders = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await RunningServer.StartAsync(_folders.IntentsPath, options => options with { ApiKey = Key });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folders.Dispose();
    }

    [Fact]
    public async Task ClassifyWithoutKeyGives401()
    {
        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify", ClassifyBody);

        AssertUnauthorized(response);
    }

    [Fact]
    public async Task ClassifyWithWrongKeyGives401()
    {
        HttpExchange response =
            await HttpExchange.PostAsync(_server.Client, "/v1/classify", ClassifyBody, "s3cret-key-for-test");

        AssertUnauthorized(response);
    }

    [Fact]
    public async Task ClassifyWithKeyGives200()
    {
        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify", ClassifyBody, Key);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData("GET", "/v1/models")]
    [InlineData("POST", "/v1/models/reload")]
    [InlineData("GET", "/v1/unknown")]
    public async Task OtherEndpointsNeedKey(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        HttpExchange response = await HttpExchange.SendAsync(_server.Client, request);

        AssertUnauthorized(response);
    }

    [Fact]
    public async Task ModelsWithKeyGives200()
    {
        HttpExchange response = await HttpExchange.GetAsync(_server.Client, "/v1/models", Key);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/openapi/v1.json")]
    public async Task ProbesAndOpenApiNeedNoKey(string path)
    {
        HttpExchange response = await HttpExchange.GetAsync(_server.Client, path);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task KeyNeverReachesLog()
    {
        await HttpExchange.PostAsync(_server.Client, "/v1/classify", ClassifyBody, Key);
        await HttpExchange.PostAsync(_server.Client, "/v1/classify", ClassifyBody, "wrong-key");

        Assert.DoesNotContain(Key, _server.Logs.AllText);
        Assert.DoesNotContain("wrong-key", _server.Logs.AllText);
        Assert.Contains("API key required", _server.Logs.AllText);
    }

    [Fact]
    public async Task KeyFromEnvironmentIsRequired()
    {
        // Given no key in the options but one in SUPERTUNE_API_KEY
        string? previous = Environment.GetEnvironmentVariable(ServerOptions.ApiKeyEnvironmentVariable);
        Environment.SetEnvironmentVariable(ServerOptions.ApiKeyEnvironmentVariable, "from-environment");
        try
        {
            await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath,
                options => options with { ApiKey = null });

            // When a request comes without it and with it
            HttpExchange without = await HttpExchange.PostAsync(server.Client, "/v1/classify", ClassifyBody);
            HttpExchange with =
                await HttpExchange.PostAsync(server.Client, "/v1/classify", ClassifyBody, "from-environment");

            // Then only the second passes
            AssertUnauthorized(without);
            Assert.Equal(HttpStatusCode.OK, with.Status);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ServerOptions.ApiKeyEnvironmentVariable, previous);
        }
    }

    private static void AssertUnauthorized(HttpExchange response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(401, response.Json.GetProperty("status").GetInt32());
        Assert.Contains("X-API-Key", response.Json.GetProperty("detail").GetString());
    }
}
