using System.Net;
using System.Text;
using System.Text.Json;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

public sealed class ClassifyEndpointTests : IClassFixture<SharedServer>
{
    private readonly SharedServer _shared;
    private readonly RunningServer _server;

    public ClassifyEndpointTests(SharedServer shared)
    {
        _shared = shared;
        _server = shared.Server;
    }

    [Fact]
    public async Task TextsAreClassifiedInOrder()
    {
        // Given two texts and top_k 2
        string body = """{"texts": ["my card has not arrived", "refund please"], "top_k": 2}""";

        // When they are posted
        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify", body);

        // Then each gets a result with the model's labels, two ranked labels and no text echoed
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.ContentType);
        JsonElement json = response.Json;
        Assert.Equal("intents", json.GetProperty("model").GetString());
        JsonElement[] results = json.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        foreach (JsonElement result in results)
        {
            Assert.Contains(result.GetProperty("label").GetString(), ModelFolders.Intents.Labels);
            Assert.InRange(result.GetProperty("score").GetSingle(), 0.25f, 1f);
            Assert.Equal(2, result.GetProperty("top").GetArrayLength());
            string? topLabel = result.GetProperty("top")[0].GetProperty("label").GetString();
            Assert.Equal(result.GetProperty("label").GetString(), topLabel);
            Assert.False(result.GetProperty("fallback").GetBoolean());
            Assert.False(result.GetProperty("truncated").GetBoolean());
            Assert.False(result.TryGetProperty("text", out _));
        }
    }

    [Fact]
    public async Task ResultsMatchThePredictor()
    {
        string[] texts = ["my card has not arrived", "refund please", "where is the package ?"];
        using var classifier = Inference.OnnxClassifier.Load(_shared.Folders.IntentsPath);
        var expected = classifier.Classify(texts);

        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify",
            JsonSerializer.Serialize(new { texts }));

        JsonElement[] results = response.Json.GetProperty("results").EnumerateArray().ToArray();
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(expected[i].Label, results[i].GetProperty("label").GetString());
            Assert.Equal(expected[i].Score, results[i].GetProperty("score").GetSingle(), 1e-5f);
        }
    }

    [Fact]
    public async Task SingleTextGivesOneResult()
    {
        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify", """{"text": "hello"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Single(response.ResultLabels());
        Assert.Equal(3, response.Json.GetProperty("results")[0].GetProperty("top").GetArrayLength());
    }

    [Fact]
    public async Task ThresholdAboveEveryScoreFallsBack()
    {
        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify",
            """{"texts": ["hello", "refund please"], "threshold": 1}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.All(response.Json.GetProperty("results").EnumerateArray(),
            result => Assert.True(result.GetProperty("fallback").GetBoolean()));
    }

    [Fact]
    public async Task LongTextIsFlaggedTruncated()
    {
        string text = string.Join(' ', Enumerable.Repeat("refund please", 20));

        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify",
            JsonSerializer.Serialize(new { text }));

        Assert.True(response.Json.GetProperty("results")[0].GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("""{"texts": ["hello", """, "body", "not valid JSON")]
    [InlineData("""[]""", "body", "must be a JSON object")]
    [InlineData("""{"texts": "hello"}""", "texts", "must be an array of strings, not a string")]
    [InlineData("""{"texts": ["hello", 42]}""", "texts[1]", "texts[1] must be a string, not a number")]
    [InlineData("""{"texts": ["hello", null]}""", "texts[1]", "texts[1] must be a string, not null")]
    [InlineData("""{"text": ["hello"]}""", "text", "text must be a string")]
    [InlineData("""{"texts": ["hello"], "top_k": "3"}""", "top_k", "top_k must be a whole number")]
    [InlineData("""{"texts": ["hello"], "top_k": 2.5}""", "top_k", "top_k must be a whole number")]
    [InlineData("""{"texts": ["hello"], "top_k": 0}""", "top_k", "top_k must be a whole number")]
    [InlineData("""{"texts": ["hello"], "threshold": 1.5}""", "threshold", "from 0 to 1")]
    [InlineData("""{"texts": ["hello"], "threshold": "high"}""", "threshold", "from 0 to 1")]
    [InlineData("""{"texts": []}""", "texts", "texts is empty")]
    [InlineData("""{"texts": ["hello", ""]}""", "texts[1]", "texts[1] is empty")]
    [InlineData("""{"texts": ["hello", "  \n "]}""", "texts[1]", "texts[1] is empty")]
    [InlineData("""{"text": ""}""", "text", "text is empty")]
    [InlineData("""{}""", "texts", "texts is missing")]
    [InlineData("""{"texts": ["a"], "text": "b"}""", "text", "either texts or text")]
    [InlineData("""{"texts": ["a"], "top-k": 3}""", "top-k", "not a known field")]
    [InlineData("""{"texts": ["a"], "texts": ["b"]}""", "texts", "more than once")]
    public async Task InvalidRequestNamesField(string body, string field, string message)
    {
        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify", body);

        AssertProblem(response, HttpStatusCode.BadRequest, field, message);
    }

    [Fact]
    public async Task TooManyTextsAreRejected()
    {
        string body = JsonSerializer.Serialize(new { texts = Enumerable.Repeat("hello", 65) });

        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify", body);

        AssertProblem(response, HttpStatusCode.BadRequest, "texts", "texts has 65 texts, but the limit is 64");
    }

    [Fact]
    public async Task TooLongTextIsRejected()
    {
        string[] texts = ["hello", "hello", "hello", new string('a', 2001)];
        string body = JsonSerializer.Serialize(new { texts });

        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify", body);

        AssertProblem(response, HttpStatusCode.BadRequest, "texts[3]",
            "texts[3] has 2001 characters, but the limit is 2000");
    }

    [Fact]
    public async Task TextAtLengthLimitIsAccepted()
    {
        string body = JsonSerializer.Serialize(new { text = new string('a', 2000) });

        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify", body);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task BodyOverLimitGives413()
    {
        // Given a body of 1.1 MiB that a Content-Length header announces, sent once the server agrees
        // (Expect: 100-continue, as curl sends for large bodies), so the 413 arrives before any body byte
        string body = JsonSerializer.Serialize(new { text = new string('a', 1_150_000) });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;

        // When it is posted
        HttpExchange response = await HttpExchange.SendAsync(_server.Client, request);

        // Then the server rejects it without reading it

        AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "body", "larger than 1048576 bytes");
    }

    [Fact]
    public async Task ChunkedBodyOverLimitGives413()
    {
        // Given a body a little over 1 MiB, streamed without a Content-Length so only reading finds its size.
        // The excess is small, so the socket buffers take it and the client is not reset while sending.
        byte[] bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = new string('a', 1_060_000) }));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify")
        {
            Content = new StreamContent(new UnknownLengthStream(bytes)),
        };
        request.Content.Headers.ContentType = new("application/json");

        HttpExchange response = await HttpExchange.SendAsync(_server.Client, request);

        AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "body", "larger than 1048576 bytes");
    }

    [Fact]
    public async Task InvalidUtf8BodyGives400()
    {
        // Given a JSON body whose text contains the bytes FF FE, which are not UTF-8
        byte[] bytes = [.. Encoding.ASCII.GetBytes("{\"text\":\""), 0xFF, 0xFE, .. Encoding.ASCII.GetBytes("\"}")];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");

        HttpExchange response = await HttpExchange.SendAsync(_server.Client, request);

        AssertProblem(response, HttpStatusCode.BadRequest, "body", "not valid UTF-8");
    }

    [Theory]
    [InlineData("""{"text": "\ud800"}""", "text")]
    [InlineData("""{"texts": ["fine", "x\udc00"]}""", "texts[1]")]
    [InlineData("""{"texts": ["\ud800\u0041"]}""", "texts[0]")]
    [InlineData("""{"\ud800": 1, "text": "fine"}""", "body")]
    public async Task LoneSurrogateEscapeGives400(string body, string field)
    {
        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify", body);

        AssertProblem(response, HttpStatusCode.BadRequest, field, "escaped lone surrogate");
    }

    [Fact]
    public async Task ByteOrderMarkIsAccepted()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"text": "refund please"}""")];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");

        HttpExchange response = await HttpExchange.SendAsync(_server.Client, request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task NonJsonContentTypeGives415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify")
        {
            Content = new StringContent("""{"text": "hello"}""", Encoding.UTF8, "text/plain"),
        };

        HttpExchange response = await HttpExchange.SendAsync(_server.Client, request);

        AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "body", "application/json");
    }

    [Fact]
    public async Task UnknownPathGivesProblem()
    {
        HttpExchange response = await HttpExchange.GetAsync(_server.Client, "/v1/nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Fact]
    public async Task ServerKeepsServingAfterBadRequests()
    {
        string[] bad =
            ["{", "null", "\"x\"", """{"texts": [{}]}""", """{"texts": [[["deep"]]]}""", new string('[', 100)];
        foreach (string body in bad)
        {
            HttpExchange rejected = await HttpExchange.PostAsync(_server.Client, "/v1/classify", body);
            AssertNoInternals(rejected);
            Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        }

        HttpExchange response = await HttpExchange.PostAsync(_server.Client, "/v1/classify", """{"text": "hello"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    internal static void AssertProblem(HttpExchange response, HttpStatusCode status, string field, string message)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        JsonElement json = response.Json;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.Contains(message, json.GetProperty("detail").GetString());
        Assert.True(json.GetProperty("errors").TryGetProperty(field, out _),
            $"errors has no key {field}: {response.Body}");
        AssertNoInternals(response);
    }

    internal static void AssertNoInternals(HttpExchange response)
    {
        Assert.DoesNotContain("Exception", response.Body);
        Assert.DoesNotContain("   at ", response.Body);
    }

    /// <summary>A stream whose length is unknown, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
