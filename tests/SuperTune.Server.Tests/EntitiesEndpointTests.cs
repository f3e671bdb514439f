using System.Net;
using System.Text;
using System.Text.Json;
using SuperTune.Core;
using SuperTune.Export;
using SuperTune.Export.Tests;
using SuperTune.Inference;
using SuperTune.Inference.Tests.Fixtures;
using SuperTune.Server.Batching;
using SuperTune.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace SuperTune.Server.Tests;

/// <summary>
/// <c>POST /v1/entities</c> and the tagger's part in <c>/v1/redact</c> and the request log, with a tiny tagger whose
/// every word is a person, so each word's span is known.
/// </summary>
public sealed class EntitiesEndpointTests : IAsyncLifetime
{
    private readonly TemporaryFolder _temporary = new();
    private string _classifier = "";
    private string _tagger = "";
    private RunningServer? _server;

    public async Task InitializeAsync()
    {
        _classifier = _temporary.Combine("intents");
        ModelFolders.Intents.WriteTo(_classifier);
        _tagger = _temporary.Combine("people");
        TinyTaggerFolder.Create(_tagger, favoredTag: "B-person");
        OnnxExporter.Export(_tagger);
        _server = await RunningServer.StartAsync(_classifier, options => options with { EntityModelFolder = _tagger });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _temporary.Dispose();
    }

    [Fact]
    public async Task EntitiesHaveBothOffsets()
    {
        HttpExchange response = await HttpExchange.PostAsync(_server!.Client, "/v1/entities",
            """{"texts": ["😀 anna  rome", "東京"]}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("people", response.Json.GetProperty("model").GetString());
        JsonElement results = response.Json.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.False(results[0].TryGetProperty("text", out _));
        Assert.False(results[0].GetProperty("truncated").GetBoolean());
        string[] spans = [.. results[0].GetProperty("entities").EnumerateArray().Select(Describe)];
        Assert.Equal(["person 😀 0 2 0 1", "person anna 3 7 2 6", "person rome 9 13 8 12"], spans);
        Assert.Equal(["person 東 0 1 0 1", "person 京 1 2 1 2"],
            results[1].GetProperty("entities").EnumerateArray().Select(Describe));
    }

    [Fact]
    public async Task SpansMatchTaggerLibrary()
    {
        // Given a random tagger, served and loaded directly
        string random = _temporary.Combine("random");
        TinyTaggerFolder.Create(random, seed: 13);
        OnnxExporter.Export(random);
        await using RunningServer server = await RunningServer.StartAsync(_classifier,
            options => options with { EntityModelFolder = random });
        using var tagger = OnnxEntityTagger.Load(random, new OnnxClassifierOptions { IntraOpThreads = 1 });

        // When the same texts go through the endpoint
        HttpExchange response = await HttpExchange.PostAsync(server.Client, "/v1/entities",
            JsonSerializer.Serialize(new { texts = TinyTaggerFolder.HardTexts }));

        // Then the spans are those of the library
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var expected = tagger.Predict(TinyTaggerFolder.HardTexts)
            .Select(result => result.Entities.Select(e => $"{e.Label} {e.Text} {e.Start} {e.End} "
                + $"{e.CodePointStart} {e.CodePointEnd}").ToArray())
            .ToArray();
        var actual = response.Json.GetProperty("results").EnumerateArray()
            .Select(result => result.GetProperty("entities").EnumerateArray().Select(Describe).ToArray())
            .ToArray();
        Assert.Equal(expected, actual);
        Assert.Contains(actual, entities => entities.Length > 0);
    }

    [Fact]
    public async Task ConcurrentRequestsShareTaggerRuns()
    {
        // Given a server whose batches wait 50 ms for company
        await using RunningServer server = await RunningServer.StartAsync(_classifier, options => options with
        {
            EntityModelFolder = _tagger, BatchWindow = TimeSpan.FromMilliseconds(50),
        });
        string[] texts = ["anna", "fly to rome", "maria 😀", "new york"];

        // When 16 requests of one text arrive at once
        HttpExchange[] responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => HttpExchange.PostAsync(
            server.Client, "/v1/entities", JsonSerializer.Serialize(new { text = texts[i % 4] }))));

        // Then each gets the entities of its own text, in fewer batches than requests
        for (int i = 0; i < responses.Length; i++)
        {
            Assert.Equal(HttpStatusCode.OK, responses[i].Status);
            JsonElement entities = responses[i].Json.GetProperty("results")[0].GetProperty("entities");
            Assert.Equal(texts[i % 4].Split(' '), entities.EnumerateArray().Select(e => e.GetProperty("text").GetString()));
        }

        Assert.InRange(server.App.Services.GetRequiredService<EntityBatcher>().BatchCount, 1, 15);
    }

    [Theory]
    [InlineData("""{"texts": ["anna"]""", "body", "not valid JSON")]
    [InlineData("""{"texts": []}""", "texts", "is empty")]
    [InlineData("""{"texts": ["anna", 3]}""", "texts[1]", "must be a string")]
    [InlineData("""{"text": "   "}""", "text", "empty or only whitespace")]
    [InlineData("""{"text": "anna", "top_k": 2}""", "top_k", "the fields are texts and text")]
    [InlineData("""["anna"]""", "body", "must be a JSON object")]
    public async Task BadRequestNamesField(string body, string field, string message)
    {
        HttpExchange response = await HttpExchange.PostAsync(_server!.Client, "/v1/entities", body);

        ClassifyEndpointTests.AssertProblem(response, HttpStatusCode.BadRequest, field, message);
    }

    [Fact]
    public async Task TooManyTextsGive400()
    {
        string body = JsonSerializer.Serialize(new { texts = Enumerable.Repeat("anna", 65) });

        HttpExchange response = await HttpExchange.PostAsync(_server!.Client, "/v1/entities", body);

        ClassifyEndpointTests.AssertProblem(response, HttpStatusCode.BadRequest, "texts", "the limit is 64");
    }

    [Fact]
    public async Task NonJsonContentTypeGives415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/entities")
        {
            Content = new StringContent("""{"text": "anna"}""", Encoding.UTF8, "text/plain"),
        };

        HttpExchange response = await HttpExchange.SendAsync(_server!.Client, request);

        ClassifyEndpointTests.AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "body", "application/json");
    }

    [Fact]
    public async Task BodyOverLimitGives413()
    {
        await using RunningServer server = await RunningServer.StartAsync(_classifier,
            options => options with { EntityModelFolder = _tagger, MaxRequestBodyBytes = 100 });

        HttpExchange response = await HttpExchange.PostAsync(server.Client, "/v1/entities",
            JsonSerializer.Serialize(new { text = new string('a', 200) }));

        ClassifyEndpointTests.AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "body", "larger than 100 bytes");
    }

    [Fact]
    public async Task MissingApiKeyGives401()
    {
        await using RunningServer server = await RunningServer.StartAsync(_classifier,
            options => options with { EntityModelFolder = _tagger, ApiKey = "secret-key" });

        HttpExchange without = await HttpExchange.PostAsync(server.Client, "/v1/entities", """{"text": "anna"}""");
        HttpExchange with = await HttpExchange.PostAsync(server.Client, "/v1/entities", """{"text": "anna"}""",
            apiKey: "secret-key");

        Assert.Equal(HttpStatusCode.Unauthorized, without.Status);
        Assert.Equal(HttpStatusCode.OK, with.Status);
    }

    [Fact]
    public async Task WithoutTaggerEndpointIsMissing()
    {
        await using RunningServer server = await RunningServer.StartAsync(_classifier);

        HttpExchange response = await HttpExchange.PostAsync(server.Client, "/v1/entities", """{"text": "anna"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task RedactCombinesTaggerWithDetectors()
    {
        HttpExchange response = await HttpExchange.PostAsync(_server!.Client, "/v1/redact",
            """{"texts": ["call anna at jo@example.com"], "pseudonyms": true}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        JsonElement result = response.Json.GetProperty("results")[0];
        Assert.Equal("[PERSON_1] [PERSON_2] [PERSON_3] [EMAIL_1]", result.GetProperty("text").GetString());
        JsonElement email = result.GetProperty("entities")[3];
        Assert.Equal("EMAIL", email.GetProperty("label").GetString());
        Assert.Equal(1, email.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task LoggedTextHidesTaggerEntities()
    {
        await using RunningServer server = await RunningServer.StartAsync(_classifier, options => options with
        {
            EntityModelFolder = _tagger, LogRequestText = true, RedactLoggedText = true,
        });

        await HttpExchange.PostAsync(server.Client, "/v1/classify", """{"text": "anna jo@example.com"}""");
        await HttpExchange.PostAsync(server.Client, "/v1/entities", """{"text": "maria rome"}""");

        Assert.DoesNotContain("anna", server.Logs.AllText);
        Assert.DoesNotContain("maria", server.Logs.AllText);
        Assert.Contains("[PERSON] [EMAIL]", server.Logs.AllText);
        Assert.Contains("[PERSON] [PERSON]", server.Logs.AllText);
    }

    [Fact]
    public async Task ModelListIncludesTagger()
    {
        HttpExchange response = await HttpExchange.GetAsync(_server!.Client, "/v1/models");

        JsonElement models = response.Json.GetProperty("models");
        Assert.Equal(2, models.GetArrayLength());
        Assert.Equal("people", models[1].GetProperty("name").GetString());
        Assert.Equal("entities", models[1].GetProperty("task").GetString());
        Assert.Equal(TinyTaggerFolder.Tags, models[1].GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void ClassifierAsTaggerFailsBuild()
    {
        var options = new ServerOptions { ModelFolder = _classifier, EntityModelFolder = _classifier };

        var exception = Assert.Throws<SuperTuneException>(() => SuperTuneServer.Build(options));

        Assert.Contains(Path.Combine(_classifier, "model.onnx"), exception.Message);
        Assert.Contains("\"entities\" model is needed", exception.Message);
    }

    [Fact]
    public void TaggerAsClassifierFailsBuild()
    {
        var options = new ServerOptions { ModelFolder = _tagger };

        var exception = Assert.Throws<SuperTuneException>(() => SuperTuneServer.Build(options));

        Assert.Contains("\"classify\" model is needed", exception.Message);
        Assert.Contains("--entity-model", exception.Hint);
    }

    private static string Describe(JsonElement entity) =>
        $"{entity.GetProperty("label").GetString()} {entity.GetProperty("text").GetString()} "
        + $"{entity.GetProperty("start")} {entity.GetProperty("end")} "
        + $"{entity.GetProperty("code_point_start")} {entity.GetProperty("code_point_end")}";
}
