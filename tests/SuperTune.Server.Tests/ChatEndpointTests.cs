using System.Net;
using System.Text.Json;
using SuperTune.Core.Conversations;
using SuperTune.Core.Retrieval;
using SuperTune.Export.Tests;
using SuperTune.Inference.Tests.Fixtures;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

public sealed class ChatEndpointTests : IAsyncLifetime
{
    private readonly TemporaryFolder _temporary = new();
    private RunningServer? _server;
    private string _answers = "";
    private string _logPath = "";

    public async Task InitializeAsync()
    {
        ModelFolders.Intents.WriteTo(_temporary.Combine("intents"));
        _answers = _temporary.Combine("faq");
        TinyRetrievalFolder.Create(_answers, new AnswerThresholds { Answer = 0.999, Clarify = -1 });
        _logPath = _temporary.Combine("conversations.db");
        _server = await RunningServer.StartAsync(_temporary.Combine("intents"), options => options with
        {
            AnswerModelFolder = _answers,
            ConversationLogPath = _logPath,
            RouterModelFolder = _temporary.Combine("intents"),
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _temporary.Dispose();
    }

    [Fact]
    public async Task KnownQuestionIsAnsweredAndLogged()
    {
        var response = await HttpExchange.PostAsync(_server!.Client, "/v1/chat",
            """{"conversationId": "c-1", "message": "i forgot my password"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var json = response.Json;
        Assert.Equal("c-1", json.GetProperty("conversationId").GetString());
        Assert.Equal("answer", json.GetProperty("decision").GetString());
        Assert.Equal("Use the reset link on the login page.", json.GetProperty("answer").GetString());
        Assert.Contains(json.GetProperty("intent").GetString(), ModelFolders.Intents.Labels);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("summary").ValueKind);
        using var log = ConversationLog.Open(_logPath);
        var turn = Assert.Single(log.Turns("c-1"));
        Assert.Equal(json.GetProperty("turnId").GetInt64(), turn.Id);
        Assert.Equal("answer", turn.Decision);
        Assert.Equal("password", turn.AnswerId);
    }

    [Fact]
    public async Task ClarifyThenChoiceAnswers()
    {
        var clarify = await HttpExchange.PostAsync(_server!.Client, "/v1/chat", """{"message": "card refund login ?"}""");
        Assert.Equal("clarify", clarify.Json.GetProperty("decision").GetString());
        var conversationId = clarify.Json.GetProperty("conversationId").GetString()!;
        var candidate = clarify.Json.GetProperty("candidates")[1];
        var id = candidate.GetProperty("id").GetString();

        var chosen = await HttpExchange.PostAsync(_server.Client, "/v1/chat", JsonSerializer.Serialize(
            new { conversationId, message = "card refund login ?", choice = id }));

        Assert.Equal(HttpStatusCode.OK, chosen.Status);
        Assert.Equal("answer", chosen.Json.GetProperty("decision").GetString());
        Assert.Equal(candidate.GetProperty("answer").GetString(), chosen.Json.GetProperty("answer").GetString());
        Assert.Equal(candidate.GetProperty("score").GetDouble(), chosen.Json.GetProperty("score").GetDouble(), 5);
        using var log = ConversationLog.Open(_logPath);
        Assert.Equal(["clarify", "answer"], log.Turns(conversationId).Select(turn => turn.Decision));
    }

    [Theory]
    [InlineData("""{"text": "hello"}""", "message")]
    [InlineData("""{"message": 3}""", "message")]
    [InlineData("""{"message": "  "}""", "message")]
    [InlineData("""{"message": "hello", "conversationId": "a b"}""", "conversationId")]
    [InlineData("""{"message": "hello", "conversationId": 7}""", "conversationId")]
    [InlineData("""{"message": "card refund login ?", "choice": "no-such-entry"}""", "choice")]
    [InlineData("""{"message": "hello", "choice": ""}""", "choice")]
    [InlineData("""["hello"]""", "body")]
    // Found by TextEndpointsBindingFuzzTests: escaped lone surrogates made the server answer 500.
    [InlineData("""{"conversationId": null, "message": "\ud800", "choice": 2, "a\udc00": "b"}""", "body")]
    [InlineData("""{"message": "\ud800"}""", "message")]
    [InlineData("""{"message": "hello", "choice": "\udc00"}""", "choice")]
    public async Task InvalidBodyIsProblem(string body, string field)
    {
        var response = await HttpExchange.PostAsync(_server!.Client, "/v1/chat", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.Body);
    }

    [Fact]
    public async Task TooLongMessageIsProblem()
    {
        var body = JsonSerializer.Serialize(new { message = new string('a', 2001) });

        var response = await HttpExchange.PostAsync(_server!.Client, "/v1/chat", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("limit is 2000", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task NegativeSentimentEscalatesWithSummary()
    {
        // A threshold of 0 makes every message reach it, so the retriever's answer is overridden.
        var sentiment = _temporary.Combine("sentiment");
        new StandInModel { Labels = ["negative", "positive"], Seed = 3 }.WriteTo(sentiment);
        await using var server = await RunningServer.StartAsync(_temporary.Combine("intents"), options => options with
        {
            AnswerModelFolder = _answers,
            ConversationLogPath = _temporary.Combine("sentiment.db"),
            SentimentModelFolder = sentiment,
            SentimentThreshold = 0,
        });

        var response = await HttpExchange.PostAsync(server.Client, "/v1/chat", """{"message": "i forgot my password"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var json = response.Json;
        Assert.Equal("escalate", json.GetProperty("decision").GetString());
        Assert.True(json.GetProperty("sentiment").GetProperty("escalates").GetBoolean());
        var summary = json.GetProperty("summary");
        Assert.Contains("sentiment check", summary.GetProperty("reason").GetString());
        Assert.Contains("\"i forgot my password\" (1.000)", summary.GetProperty("text").GetString());
    }

    [Fact]
    public async Task MissingSentimentLabelFailsAtStart()
    {
        var sentiment = _temporary.Combine("greek");
        ModelFolders.Greek.WriteTo(sentiment);

        var error = await Assert.ThrowsAsync<Core.SuperTuneException>(() => RunningServer.StartAsync(
            _temporary.Combine("intents"), options => options with
            {
                AnswerModelFolder = _answers,
                ConversationLogPath = _temporary.Combine("greek.db"),
                SentimentModelFolder = sentiment,
            }));

        Assert.Contains("no label \"negative\"", error.Message);
    }

    [Fact]
    public async Task ChatPageIsServedWithoutKey()
    {
        await using var keyed = await RunningServer.StartAsync(_temporary.Combine("intents"), options => options with
        {
            AnswerModelFolder = _answers,
            ConversationLogPath = _temporary.Combine("keyed.db"),
            ApiKey = "secret",
        });

        var page = await HttpExchange.GetAsync(keyed.Client, "/");
        var chat = await HttpExchange.PostAsync(keyed.Client, "/v1/chat", """{"message": "hello"}""");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.Contains("/v1/chat", page.Body);
        Assert.DoesNotContain("https://", page.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, chat.Status);
    }

    [Fact]
    public async Task ServerWithoutKnowledgeBaseHasNoChat()
    {
        await using var plain = await RunningServer.StartAsync(_temporary.Combine("intents"));

        var chat = await HttpExchange.PostAsync(plain.Client, "/v1/chat", """{"message": "hello"}""");
        var page = await HttpExchange.GetAsync(plain.Client, "/");

        Assert.Equal(HttpStatusCode.NotFound, chat.Status);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}
