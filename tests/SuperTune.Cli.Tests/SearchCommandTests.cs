using System.Text.Json;
using SuperTune.Training.Tests;

namespace SuperTune.Cli.Tests;

/// <summary>
/// <c>supertune search</c> on the tiny random BERT, its best options fed back into <c>supertune train --options</c>,
/// and the messages of wrong invocations.
/// </summary>
public sealed class SearchCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-search-cli-").FullName;

    [Fact]
    public void BestOptionsTrainWithOverrides()
    {
        // Given a finished search,
        var baseModel = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var data = WriteData("train.csv", 8);
        var search = Path.Combine(folder, "search");
        var searched = CliRunner.Run("search", "--base", baseModel, "--data", data, "--out", search, "--trials", "2",
            "--learning-rates", "5e-4:3e-3", "--epochs", "1,2", "--batch-sizes", "8", "--seed", "4", "--pooling", "mean",
            "--no-baseline");
        Assert.True(searched.ExitCode == 0, searched.Output + searched.Error);
        foreach (var file in new[] { "search.json", "results.csv", "results.md", "score_by_learning_rate.svg" })
        {
            Assert.True(File.Exists(Path.Combine(search, file)), $"{file} is missing");
        }

        // when train reads its best_options.json with --batch-size given on the command line,
        var bestOptions = Path.Combine(search, "best_options.json");
        var model = Path.Combine(folder, "model");
        var trained = CliRunner.Run("train", "--base", baseModel, "--data", data, "--out", model, "--mode", "standard",
            "--options", bestOptions, "--batch-size", "4");

        // then the model's options are the best ones with that batch size.
        Assert.True(trained.ExitCode == 0, trained.Output + trained.Error);
        var expected = Settings(bestOptions);
        var actual = Settings(Path.Combine(model, "training_options.json"));
        Assert.Equal("4", actual["per_device_train_batch_size"]);
        Assert.Equal("8", expected["per_device_train_batch_size"]);
        foreach (var name in new[] { "learning_rate", "num_train_epochs", "warmup_ratio", "weight_decay", "seed", "pooling" })
        {
            Assert.Equal(expected[name], actual[name]);
        }
    }

    [Fact]
    public void RerunWithSameOptionsContinues()
    {
        var baseModel = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var data = WriteData("train.csv", 8);
        var search = Path.Combine(folder, "search");
        string[] arguments = ["search", "--base", baseModel, "--data", data, "--out", search, "--trials", "1",
            "--epochs", "1", "--batch-sizes", "8"];
        Assert.Equal(0, CliRunner.Run(arguments).ExitCode);

        var again = CliRunner.Run(arguments);
        var changed = CliRunner.Run([.. arguments, "--seed", "5"]);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already finished", again.Output);
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("fixed_options.seed differ", changed.Error);
        Assert.Contains("--resume", changed.Error);
    }

    [Theory]
    [InlineData(2, "--out", "search", "--trials", "2")]
    [InlineData(2, "--data", "DATA", "--out", "search", "--strategy", "bayes")]
    [InlineData(2, "--data", "DATA", "--out", "search", "--strategy", "grid", "--trials", "3")]
    [InlineData(2, "--resume", "search", "--trials", "3")]
    [InlineData(1, "--data", "DATA", "--out", "search", "--learning-rates", "1e-4,fast")]
    [InlineData(1, "--data", "DATA", "--out", "search", "--epochs", "0,2")]
    [InlineData(1, "--data", "DATA", "--out", "search", "--space", "no-space.json")]
    [InlineData(1, "--data", "DATA", "--out", "search", "--options", "no-options.json")]
    [InlineData(1, "--data", "DATA", "--out", "search", "--reduction-factor", "1")]
    [InlineData(1, "--data", "no-data.csv", "--out", "search")]
    [InlineData(1, "--data", "DATA", "--out", "search", "--base", "no-such-bert")]
    [InlineData(1, "--resume", "search")]
    public void WrongInvocationIsExplained(int exitCode, params string[] arguments)
    {
        var data = WriteData("train.csv", 2);
        var resolved = arguments.Select(a => a switch
        {
            "DATA" => data,
            "search" or "no-space.json" or "no-options.json" or "no-data.csv" or "no-such-bert" => Path.Combine(folder, a),
            _ => a,
        }).ToArray();

        var result = CliRunner.Run(["search", .. resolved]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(File.Exists(Path.Combine(folder, "search", "search.json")), "nothing was recorded");
    }

    [Fact]
    public void WrongInvocationNamesTheValue()
    {
        var data = WriteData("train.csv", 2);

        var rates = CliRunner.Run("search", "--data", data, "--out", Path.Combine(folder, "s"), "--learning-rates", "1e-4,fast");
        var epochs = CliRunner.Run("search", "--data", data, "--out", Path.Combine(folder, "s"), "--epochs", "0,2");
        var resume = CliRunner.Run("search", "--resume", folder);

        Assert.Contains("--learning-rates: \"fast\" is not a number", rates.Error);
        Assert.Contains("num_train_epochs (--epochs) must be between 1 and 1000, got 0", epochs.Error);
        Assert.Contains("no search.json found", resume.Error);
    }

    [Fact]
    public void TrainRejectsBrokenOptionsFile()
    {
        var data = WriteData("train.csv", 2);
        var options = Path.Combine(folder, "options.json");
        File.WriteAllText(options, "{\"learning_rate\": 0.0001, \"epochs\": 3}");

        var result = CliRunner.Run("train", "--data", data, "--out", Path.Combine(folder, "model"), "--options", options);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"--options {options}: unknown setting \"epochs\"", result.Error);
        Assert.Contains("num_train_epochs", result.Error);
    }

    [Fact]
    public void HelpDescribesSpaceAndHalving()
    {
        var result = CliRunner.Run("search", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--strategy", "--trials", "--min-epochs", "--reduction-factor", "--space",
                     "--learning-rates", "--epochs", "--batch-sizes", "--warmup-ratios", "--weight-decays", "--resume" })
        {
            Assert.Contains(option, result.Output);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string WriteData(string name, int copies) => TinyIntentData.Write(Path.Combine(folder, name), copies);

    private static Dictionary<string, string> Settings(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
    }
}
