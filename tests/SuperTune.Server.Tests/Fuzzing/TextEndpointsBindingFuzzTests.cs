using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using SuperTune.Core.Tests.Fuzzing;
using Xunit.Abstractions;

namespace SuperTune.Server.Tests.Fuzzing;

/// <summary>
/// Fuzz harnesses over the JSON binding of <c>POST /v1/redact</c>, <c>/v1/entities</c>, <c>/v1/answer</c> and
/// <c>/v1/chat</c> on a running server, with the checks of <see cref="ClassifyBindingFuzzTests"/>: a 200 JSON
/// response or a 4xx problem that names a field, never a 500.
/// </summary>
public sealed class TextEndpointsBindingFuzzTests(AssistantServer shared, ITestOutputHelper output)
    : IClassFixture<AssistantServer>
{
    private static readonly Dictionary<string, string[]> RedactSchema = new()
    {
        ["text"] = ["\"mail jo@example.com\"", "\"card 4111 1111 1111 1111\""],
        ["texts"] = ["[\"call +44 20 7946 0958\"]", "[\"GB82 WEST 1234 5698 7654 32\", \"nothing\"]"],
        ["pseudonyms"] = ["true", "false"],
    };

    private static readonly Dictionary<string, string[]> EntitiesSchema = new()
    {
        ["text"] = ["\"fly to Lisbon 😀 with Anna\"", "\"東京から New York へ\""],
        ["texts"] = ["[\"Jose\u0301 and Zoë\"]", "[\"book   a table\", \"for  Maria\"]"],
    };

    private static readonly Dictionary<string, string[]> AnswerSchema = new()
    {
        ["text"] = ["\"i forgot my password\"", "\"where is my card ?\""],
    };

    private static readonly Dictionary<string, string[]> ChatSchema = new()
    {
        ["conversationId"] = ["\"c-1\"", "\"fuzz_2\"", "null"],
        ["message"] = ["\"i forgot my password\"", "\"card refund login ?\""],
        ["choice"] = ["\"card\"", "\"refund\"", "null"],
    };

    [Fact]
    public void RedactJsonGetsResultOrProblem()
    {
        Gen<string> hostileTexts = Gen.NonEmptyListOf(HostileText.Text)
            .Select(texts => JsonSerializer.Serialize(new { texts, pseudonyms = true }));
        Run("HTTP binding, redact JSON", "/v1/redact", RedactSchema, hostileTexts, 150);
    }

    [Fact]
    public void EntitiesJsonGetsResultOrProblem()
    {
        Gen<string> hostileTexts = Gen.NonEmptyListOf(HostileText.Text)
            .Select(texts => JsonSerializer.Serialize(new { texts }));
        Run("HTTP binding, entities JSON", "/v1/entities", EntitiesSchema, hostileTexts, 150);
    }

    [Fact]
    public void AnswerJsonGetsResultOrProblem()
    {
        Gen<string> hostileText = HostileText.Text.Select(text => JsonSerializer.Serialize(new { text }));
        Run("HTTP binding, answer JSON", "/v1/answer", AnswerSchema, hostileText, 100);
    }

    [Fact]
    public void ChatJsonGetsResultOrProblem()
    {
        Gen<string> hostileMessage = HostileText.Text.Select(message => JsonSerializer.Serialize(new { message }));
        Run("HTTP binding, chat JSON", "/v1/chat", ChatSchema, hostileMessage, 100);
    }

    private void Run(string harness, string path, Dictionary<string, string[]> schema, Gen<string> hostileTexts,
        int count)
    {
        Gen<byte[]> cases = Gen.Frequency(
            (4, JsonCases.MutatedObject(schema).Select(Encoding.UTF8.GetBytes)),
            (2, hostileTexts.Select(Encoding.UTF8.GetBytes)),
            (1, HostileText.DeepJson.Select(Encoding.UTF8.GetBytes)),
            (1, HostileText.Bytes));

        FuzzHarness.Run(harness, cases,
            body => ClassifyBindingFuzzTests.AssertResultOrProblem(ClassifyBindingFuzzTests.Post(shared.Server, path, body)),
            count, output);
    }
}
