namespace SuperTune.Cli.Tests;

/// <summary>Wrong invocations of the retrieval verbs; none of these loads a model.</summary>
public class RetrievalCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-cli-retrieval-").FullName;

    [Fact]
    public void MissingAnswerColumnIsNamed()
    {
        var data = Path.Combine(folder, "faq.csv");
        File.WriteAllLines(data, ["question,reply", "where is my card,It is on its way."]);

        var result = CliRunner.Run("train", "--task", "retrieval", "--data", data, "--out", Path.Combine(folder, "m"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("\"answer\"", result.Error);
        Assert.Contains("faq.csv", result.Error);
    }

    [Fact]
    public void InvalidScaleIsNamed()
    {
        var data = Path.Combine(folder, "faq.csv");
        File.WriteAllLines(data, ["question,answer", "where is my card,It is on its way."]);

        var result = CliRunner.Run("train", "--task", "retrieval", "--data", data, "--out", Path.Combine(folder, "m"),
            "--scale", "0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--scale", result.Error);
    }

    [Fact]
    public void AnswerWithoutModelFolderFails()
    {
        var result = CliRunner.Run("answer", "--model", Path.Combine(folder, "absent"), "--text", "hello");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("absent", result.Error);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
