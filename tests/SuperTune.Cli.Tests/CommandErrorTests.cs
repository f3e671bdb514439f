namespace SuperTune.Cli.Tests;

/// <summary>Exit codes and messages of wrong invocations; none of these loads a model.</summary>
public class CommandErrorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-cli-").FullName;

    [Fact]
    public void HelpListsTheVerbs()
    {
        var result = CliRunner.Run("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("train", result.Output);
        Assert.Contains("evaluate", result.Output);
        Assert.Contains("predict", result.Output);
    }

    [Fact]
    public void MissingRequiredOptionIsUsageError()
    {
        var result = CliRunner.Run("train", "--out", Path.Combine(folder, "model"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--data", result.Error);
    }

    [Fact]
    public void UnknownTaskIsUsageError()
    {
        var result = CliRunner.Run("train", "--data", "x.csv", "--out", "y", "--task", "summarize");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("summarize", result.Error);
    }

    [Theory]
    [InlineData("--epochs", "abc", "as a whole number")]
    [InlineData("--seeds", "1.5", "as a whole number")]
    [InlineData("--learning-rate", "1e", "as a number")]
    [InlineData("--oos-max-accuracy-loss", "half", "as a number")]
    public void NonNumericValueNamesTheKind(string option, string value, string expected)
    {
        var result = CliRunner.Run("train", "--data", "x.csv", "--out", Path.Combine(folder, "model"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("System.", result.Error);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.01")]
    public void OutOfRangeAccuracyLossIsNamed(string loss)
    {
        var result = CliRunner.Run("train", "--data", "x.csv", "--out", Path.Combine(folder, "model"),
            "--oos-max-accuracy-loss", loss);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--oos-max-accuracy-loss", result.Error);
        Assert.False(Directory.Exists(Path.Combine(folder, "model")));
    }

    [Fact]
    public void MissingDataFileIsNamed()
    {
        var missing = Path.Combine(folder, "nope.csv");

        var result = CliRunner.Run("train", "--data", missing, "--out", Path.Combine(folder, "model"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void EmptyLabelReportsFileLineAndColumn()
    {
        var data = Path.Combine(folder, "tickets.csv");
        File.WriteAllText(data, "text,label\nwhere is my card,card\nrefund please,\n");

        var result = CliRunner.Run("train", "--data", data, "--out", Path.Combine(folder, "model"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{data}:3:2:", result.Error);
        Assert.False(Directory.Exists(Path.Combine(folder, "model")));
    }

    [Fact]
    public void SingleLabelDatasetIsRejected()
    {
        var data = Path.Combine(folder, "tickets.csv");
        File.WriteAllText(data, "text,label\nwhere is my card,card\ncard not here,card\n");

        var result = CliRunner.Run("train", "--data", data, "--out", Path.Combine(folder, "model"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("card", result.Error);
        Assert.Contains(data, result.Error);
    }

    [Fact]
    public void InvalidHyperparametersAreAllReported()
    {
        var data = Path.Combine(folder, "tickets.csv");
        File.WriteAllText(data, "text,label\na,x\nb,y\n");

        var result = CliRunner.Run("train", "--data", data, "--out", Path.Combine(folder, "model"),
            "--learning-rate", "5", "--epochs", "0", "--max-length", "4");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--learning-rate", result.Error);
        Assert.Contains("--epochs", result.Error);
        Assert.Contains("--max-length", result.Error);
    }

    [Fact]
    public void OutputFolderWithOtherFilesIsKept()
    {
        var data = Path.Combine(folder, "tickets.csv");
        File.WriteAllText(data, "text,label\na,x\nb,y\n");
        var output = Path.Combine(folder, "documents");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "keep me");

        var result = CliRunner.Run("train", "--data", data, "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("notes.txt", result.Error);
        Assert.True(File.Exists(Path.Combine(output, "notes.txt")));
    }

    [Fact]
    public void UnknownBaseFolderIsNamed()
    {
        var data = Path.Combine(folder, "tickets.csv");
        File.WriteAllText(data, "text,label\na,x\nb,y\nc,x\nd,y\n");

        var result = CliRunner.Run("train", "--data", data, "--out", Path.Combine(folder, "model"),
            "--base", Path.Combine(folder, "no-such-bert"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-bert", result.Error);
    }

    [Fact]
    public void PredictWithoutTextIsRejected()
    {
        var result = CliRunner.Run("predict", "--model", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--text", result.Error);
    }

    [Fact]
    public void EvaluateMissingModelFolderIsNamed()
    {
        var data = Path.Combine(folder, "tickets.csv");
        File.WriteAllText(data, "text,label\na,x\n");
        var model = Path.Combine(folder, "missing-model");

        var result = CliRunner.Run("evaluate", "--model", model, "--data", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(model, result.Error);
    }

    [Fact]
    public void PredictMissingModelFolderHasOneError()
    {
        var model = Path.Combine(folder, "missing-model");

        var result = CliRunner.Run("predict", "--model", model, "--text", "where is my card");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Model folder not found: {model}", result.Error);
        Assert.DoesNotContain("warning:", result.Error);
    }

    [Fact]
    public void HugePairsPerExampleIsNamed()
    {
        var data = Path.Combine(folder, "tickets.csv");
        File.WriteAllText(data, "text,label\nwhere is my card,card\nrefund please,refund\n");

        var result = CliRunner.Run("train", "--data", data, "--validation", data, "--out",
            Path.Combine(folder, "model"), "--mode", "few-shot", "--pairs-per-example", "2000000000");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--pairs-per-example must be from 2 to 1000", result.Error);
        Assert.DoesNotContain("unexpected", result.Error);
    }

    [Fact]
    public void TooManyContrastivePairsStopBeforeTraining()
    {
        var data = Path.Combine(folder, "tickets.csv");
        // 225 training rows after the validation split x 1000 pairs x 100 epochs = 22.5 million pairs.
        var rows = Enumerable.Range(0, 250).Select(i => $"message {i},{(i % 2 == 0 ? "a" : "b")}");
        File.WriteAllLines(data, ["text,label", .. rows]);

        var result = CliRunner.Run("train", "--data", data, "--out", Path.Combine(folder, "model"), "--mode",
            "few-shot", "--pairs-per-example", "1000", "--contrastive-epochs", "100");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("above the limit of 20,000,000", result.Error);
        Assert.Contains("--contrastive-epochs", result.Error);
        Assert.False(Directory.Exists(Path.Combine(folder, "model")));
    }

    [Fact]
    public void RecallObjectiveWithoutOosValidationStopsEarly()
    {
        var data = Path.Combine(folder, "tickets.csv");
        var validation = Path.Combine(folder, "validation.csv");
        File.WriteAllText(data, "text,label\nwhere is my card,card\nrefund please,refund\nwhat's the weather,oos\n");
        File.WriteAllText(validation, "text,label\nmy card is lost,card\nmoney back,refund\n");

        var result = CliRunner.Run("train", "--data", data, "--validation", validation, "--out",
            Path.Combine(folder, "model"), "--oos-objective", "recall-at-accuracy");

        AssertStoppedBeforeTraining(result, "needs validation rows labelled \"oos\"");
    }

    [Fact]
    public void LabelSchemeWithoutOosRowsStopsEarly()
    {
        var data = Path.Combine(folder, "tickets.csv");
        File.WriteAllText(data, "text,label\nwhere is my card,card\nrefund please,refund\n");

        var result = CliRunner.Run("train", "--data", data, "--validation", data, "--out",
            Path.Combine(folder, "model"), "--oos-scheme", "label");

        AssertStoppedBeforeTraining(result, "--oos-scheme label needs training rows labelled \"oos\"");
    }

    /// <summary>Checks that a train command failed with <paramref name="message"/> before training or writing.</summary>
    private void AssertStoppedBeforeTraining(CliRunner.Result result, string message)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("Training ", result.Error + result.Output);
        Assert.False(Directory.Exists(Path.Combine(folder, "model")));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
