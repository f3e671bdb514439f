using System.Net;
using System.Text.Json;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

public sealed class ModelEndpointTests : IClassFixture<SharedServer>
{
    private readonly RunningServer _server;

    public ModelEndpointTests(SharedServer shared) => _server = shared.Server;

    [Fact]
    public async Task ModelsDescribeServedModel()
    {
        HttpExchange response = await HttpExchange.GetAsync(_server.Client, "/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        JsonElement model = response.Json.GetProperty("models").EnumerateArray().Single();
        Assert.Equal("intents", model.GetProperty("name").GetString());
        Assert.Equal("classify", model.GetProperty("task").GetString());
        Assert.Equal(ModelFolders.Intents.Labels,
            model.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("stand-in", model.GetProperty("base_model").GetString());
        Assert.Equal("mean", model.GetProperty("pooling").GetString());
        Assert.Equal(16, model.GetProperty("max_length").GetInt32());
        Assert.Equal(1f, model.GetProperty("temperature").GetSingle());
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
            model.GetProperty("exported_at").GetDateTimeOffset());
        Assert.Equal(0.75, model.GetProperty("metrics").GetProperty("test").GetProperty("accuracy").GetDouble());
        Assert.True(model.TryGetProperty("loaded_at", out _));
    }

    [Fact]
    public async Task HealthIsAlive()
    {
        HttpExchange response = await HttpExchange.GetAsync(_server.Client, "/healthz");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("alive", response.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadyNamesLoadedModel()
    {
        HttpExchange response = await HttpExchange.GetAsync(_server.Client, "/readyz");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("ready", response.Json.GetProperty("status").GetString());
        Assert.Equal("intents", response.Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task OpenApiListsEndpoints()
    {
        HttpExchange response = await HttpExchange.GetAsync(_server.Client, "/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        JsonElement paths = response.Json.GetProperty("paths");
        foreach (string path in new[] { "/v1/classify", "/v1/models", "/v1/models/reload", "/healthz", "/readyz" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        JsonElement classify = paths.GetProperty("/v1/classify").GetProperty("post");
        JsonElement requestContent = classify.GetProperty("requestBody").GetProperty("content");
        Assert.True(requestContent.TryGetProperty("application/json", out _));
        Assert.True(classify.GetProperty("responses").TryGetProperty("413", out _));
    }

    [Fact]
    public async Task WrongMethodGives405Problem()
    {
        HttpExchange response = await HttpExchange.GetAsync(_server.Client, "/v1/classify");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("GET is not allowed", response.Json.GetProperty("detail").GetString());
    }
}
