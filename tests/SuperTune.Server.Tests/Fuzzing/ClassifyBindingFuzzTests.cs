using System.Net;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using SuperTune.Core.Tests.Fuzzing;
using SuperTune.Server.Tests.Fixtures;
using Xunit.Abstractions;

namespace SuperTune.Server.Tests.Fuzzing;

/// <summary>
/// Fuzz harnesses over the JSON binding of <c>POST /v1/classify</c> and <c>POST /v1/models/reload</c> on a
/// running server: every body gets a 200 JSON response or a 4xx problem that names a field, never a 500.
/// </summary>
public sealed class ClassifyBindingFuzzTests(SharedServer shared, ITestOutputHelper output)
    : IClassFixture<SharedServer>
{
    private static readonly Dictionary<string, string[]> ClassifySchema = new()
    {
        ["text"] = ["\"my card has not arrived\"", "\"refund please\""],
        ["texts"] = ["[\"hello\"]", "[\"where is the package ?\", \"thanks\"]"],
        ["top_k"] = ["1", "3", "null"],
        ["threshold"] = ["0.5", "0", "1"],
    };

    private static readonly Dictionary<string, string[]> ReloadSchema = new() { ["model"] = ["null"] };

    private static readonly HttpStatusCode[] ProblemStatuses =
        [HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType];

    private readonly RunningServer _server = shared.Server;

    [Fact]
    public void RandomBodiesGetResultOrProblem()
    {
        FuzzHarness.Run("HTTP binding, random bodies", HostileText.Bytes,
            body => AssertResultOrProblem(Post("/v1/classify", body)), 150, output);
    }

    [Fact]
    public void ClassifyJsonGetsResultOrProblem()
    {
        Gen<string> hostileTexts = Gen.NonEmptyListOf(HostileText.Text)
            .Select(texts => JsonSerializer.Serialize(new { texts }));
        Gen<string> cases = Gen.Frequency(
            (4, JsonCases.MutatedObject(ClassifySchema)),
            (2, hostileTexts),
            (1, HostileText.DeepJson));

        FuzzHarness.Run("HTTP binding, classify JSON", cases,
            json => AssertResultOrProblem(Post("/v1/classify", Encoding.UTF8.GetBytes(json))), 200, output);
    }

    [Fact]
    public void ReloadJsonGetsModelOrProblem()
    {
        FuzzHarness.Run("HTTP binding, reload JSON", JsonCases.MutatedObject(ReloadSchema),
            json => AssertResultOrProblem(Post("/v1/models/reload", Encoding.UTF8.GetBytes(json))), 50, output);
    }

    private HttpExchange Post(string path, byte[] body) => Post(_server, path, body);

    /// <summary>Posts <paramref name="body"/> as JSON to <paramref name="path"/> of <paramref name="server"/>.</summary>
    internal static HttpExchange Post(RunningServer server, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        return HttpExchange.SendAsync(server.Client, request).GetAwaiter().GetResult();
    }

    /// <summary>Asserts a 200 JSON response, or a 4xx problem whose <c>errors</c> name at least one field.</summary>
    internal static void AssertResultOrProblem(HttpExchange response)
    {
        ClassifyEndpointTests.AssertNoInternals(response);
        if (response.Status == HttpStatusCode.OK)
        {
            Assert.Equal("application/json", response.ContentType);
            return;
        }

        Assert.True(ProblemStatuses.Contains(response.Status), $"{(int)response.Status}: {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        JsonElement errors = response.Json.GetProperty("errors");
        Assert.NotEmpty(errors.EnumerateObject());
    }
}
