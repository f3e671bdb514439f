namespace SuperTune.Cli.Tests;

/// <summary>The entity and redaction verbs on small files; none of these trains a model.</summary>
public sealed class EntityCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-cli-entities-").FullName;

    [Fact]
    public void BrokenBioFailsWithFileAndLine()
    {
        string data = Path.Combine(folder, "slots.jsonl");
        File.WriteAllText(data, "{\"tokens\": [\"to\", \"York\"], \"tags\": [\"O\", \"I-city\"]}\n");

        var result = CliRunner.Run("train", "--task", "entities", "--data", data, "--out", Path.Combine(folder, "run"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{data}:1: tag 1 \"I-city\" after \"O\" breaks BIO", result.Error);
        Assert.False(Directory.Exists(Path.Combine(folder, "run")));
    }

    [Fact]
    public void RedactWritesPlaceholders()
    {
        string input = Path.Combine(folder, "tickets.jsonl");
        File.WriteAllText(input, "{\"id\": 7, \"text\": \"card 4111 1111 1111 1111, mail jo@example.com\"}\n");
        string output = Path.Combine(folder, "tickets.redacted.jsonl");

        var result = CliRunner.Run("redact", "--in", input, "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Redacted 1 records", result.Output);
        Assert.Equal("{\"id\":7,\"text\":\"card [CARD], mail [EMAIL]\"}", File.ReadAllText(output).Trim());
    }

    [Fact]
    public void RedactMissingColumnFails()
    {
        string input = Path.Combine(folder, "tickets.csv");
        File.WriteAllText(input, "id,body\n1,hello\n");

        var result = CliRunner.Run("redact", "--in", input, "--out", Path.Combine(folder, "out.csv"), "--column", "text");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("column \"text\" not found", result.Error);
        Assert.Contains("--column", result.Error);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
