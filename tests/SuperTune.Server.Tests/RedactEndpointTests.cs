using System.Net;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

public sealed class RedactEndpointTests : IDisposable
{
    private const string Secret = "mail jo@example.com or card 4111 1111 1111 1111";

    private readonly ModelFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task RedactReplacesEveryKind()
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);

        HttpExchange response = await HttpExchange.PostAsync(server.Client, "/v1/redact",
            """{"texts": ["😀 jo@example.com, jo@example.com", "nothing here"], "pseudonyms": true}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var results = response.Json.GetProperty("results");
        Assert.Equal("😀 [EMAIL_1], [EMAIL_1]", results[0].GetProperty("text").GetString());
        var first = results[0].GetProperty("entities")[0];
        Assert.Equal(3, first.GetProperty("start").GetInt32());
        Assert.Equal(2, first.GetProperty("code_point_start").GetInt32());
        Assert.Equal("nothing here", results[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task BadPseudonymsFieldIsProblem()
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);

        HttpExchange response = await HttpExchange.PostAsync(server.Client, "/v1/redact",
            """{"text": "a", "pseudonyms": "yes"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("pseudonyms must be true or false", response.Body);
    }

    // Found by TextEndpointsBindingFuzzTests: each body gave 500, the last two because the copy of the body
    // without "pseudonyms" failed on the lone surrogate or the repeated key.
    [Theory]
    [InlineData("""{"text": "card 4111 1111 1111 1111", "pseudonyms": false, "\ud800": 1}""", "body")]
    [InlineData("""{"text": {"0": "\ud800"}, "texts": {"content": "[SEP]"}, "pseudonyms": false}""", "text")]
    [InlineData("""{"text": "a", "pseudonyms": false, "pseudonyms": true}""", "pseudonyms")]
    public async Task HostileBodyIsProblem(string body, string field)
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);

        HttpExchange response = await HttpExchange.PostAsync(server.Client, "/v1/redact", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.Body);
    }

    // Found by RedactionFuzzTests: Arabic-Indic digits in the shape of an IPv4 address gave 500.
    [Fact]
    public async Task NonAsciiDigitAddressIsKept()
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);

        HttpExchange response = await HttpExchange.PostAsync(server.Client, "/v1/redact",
            """{"text": "from \u0661.\u0661.\u0661.\u0661"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.Json.GetProperty("results")[0].GetProperty("entities").EnumerateArray());
    }

    [Fact]
    public async Task LoggedTextIsRedactedWhenEnabled()
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath,
            options => options with { LogRequestText = true, RedactLoggedText = true });

        await HttpExchange.PostAsync(server.Client, "/v1/classify", $$"""{"text": "{{Secret}}"}""");

        Assert.DoesNotContain("jo@example.com", server.Logs.AllText);
        Assert.DoesNotContain("4111", server.Logs.AllText);
        Assert.Contains("mail [EMAIL] or card [CARD]", server.Logs.AllText);
    }
}
