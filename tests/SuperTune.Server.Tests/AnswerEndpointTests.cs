using System.Net;
using SuperTune.Core.Retrieval;
using SuperTune.Export.Tests;
using SuperTune.Inference.Tests.Fixtures;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

public sealed class AnswerEndpointTests : IAsyncLifetime
{
    private readonly TemporaryFolder _temporary = new();
    private RunningServer? _server;

    public async Task InitializeAsync()
    {
        var classifier = _temporary.Combine("intents");
        ModelFolders.Intents.WriteTo(classifier);
        var answers = _temporary.Combine("faq");
        TinyRetrievalFolder.Create(answers, new AnswerThresholds { Answer = 0.999, Clarify = -1 });
        _server = await RunningServer.StartAsync(classifier, options => options with { AnswerModelFolder = answers });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _temporary.Dispose();
    }

    [Fact]
    public async Task KnownQuestionIsAnswered()
    {
        var response = await HttpExchange.PostAsync(_server!.Client, "/v1/answer", """{"text": "i forgot my password"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var json = response.Json;
        Assert.Equal("answer", json.GetProperty("decision").GetString());
        Assert.Equal("Use the reset link on the login page.", json.GetProperty("answer").GetString());
        Assert.Equal(1.0, json.GetProperty("score").GetDouble(), 4);
        Assert.Equal("password", json.GetProperty("candidates")[0].GetProperty("id").GetString());
        Assert.Equal(3, json.GetProperty("candidates").GetArrayLength());
    }

    [Fact]
    public async Task UncertainMessageAsksToClarify()
    {
        var response = await HttpExchange.PostAsync(_server!.Client, "/v1/answer", """{"text": "card refund login ?"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var json = response.Json;
        Assert.Equal("clarify", json.GetProperty("decision").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("answer").ValueKind);
        Assert.True(json.GetProperty("score").GetDouble() < 0.999);
        Assert.Equal(3, json.GetProperty("candidates").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"texts": ["hello"]}""", "text")]
    [InlineData("""{"text": 3}""", "text")]
    [InlineData("""{"text": "   "}""", "text")]
    [InlineData("""["hello"]""", "body")]
    // Found by TextEndpointsBindingFuzzTests: escaped lone surrogates made the server answer 500.
    [InlineData("""{"text": "", "\ud800": 1}""", "body")]
    [InlineData("""{"text": "password \ud800"}""", "text")]
    public async Task InvalidBodyIsProblem(string body, string field)
    {
        var response = await HttpExchange.PostAsync(_server!.Client, "/v1/answer", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.Body);
    }

    [Fact]
    public async Task ServerWithoutKnowledgeBaseHasNoAnswerEndpoint()
    {
        await using var plain = await RunningServer.StartAsync(_temporary.Combine("intents"));

        var response = await HttpExchange.PostAsync(plain.Client, "/v1/answer", """{"text": "hello"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }
}
