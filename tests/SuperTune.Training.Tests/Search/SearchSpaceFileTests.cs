using SuperTune.Core;
using SuperTune.Training.Search;

namespace SuperTune.Training.Tests.Search;

public class SearchSpaceFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-space-").FullName;

    [Fact]
    public void FileReplacesOnlyItsSettings()
    {
        var path = Write("""
            {
              "learning_rate": {"min": 1e-5, "max": 1e-3, "grid_points": 5},
              "num_train_epochs": [2, 4],
              "warmup_ratio": 0.1,
              // weight decay between 0 and 0.1 on a linear scale
              "weight_decay": {"min": 0, "max": 0.1}
            }
            """);

        var space = SearchSpaceFile.Load(path);

        Assert.Equal(ParameterRange.Between(1e-5, 1e-3, log: true, gridPoints: 5), space.LearningRate);
        Assert.Equal([2.0, 4.0], space.Epochs.Values!);
        Assert.Equal([0.1], space.WarmupRatio.Values!);
        Assert.False(space.WeightDecay.Log);
        Assert.Equal(new SearchSpace().BatchSize.Values!, space.BatchSize.Values!);
    }

    [Theory]
    [InlineData("{\"learning_rates\": [1e-4]}", "unknown setting \"learning_rates\"")]
    [InlineData("{\"learning_rate\": \"1e-4\"}", "learning_rate: expected a number, a list of numbers or")]
    [InlineData("{\"learning_rate\": [1e-4, \"x\"]}", "every value of the list must be a number")]
    [InlineData("{\"learning_rate\": {\"min\": 1e-5}}", "learning_rate: a range needs \"max\"")]
    [InlineData("{\"learning_rate\": {\"min\": 1e-5, \"max\": 1e-4, \"step\": 2}}", "unknown key \"step\"")]
    [InlineData("{\"warmup_ratio\": {\"min\": 0, \"max\": 0.2, \"log\": 1}}", "\"log\" must be true or false")]
    [InlineData("{\"learning_rate\": {\"min\": 1e-5, \"max\": 1e-4, \"grid_points\": 2.5}}", "\"grid_points\" must be a whole number")]
    [InlineData("[1]", "must contain one JSON object")]
    [InlineData("{\"learning_rate\": [1e-4,]", "not valid JSON at line 1")]
    public void MalformedFileIsExplained(string json, string expected)
    {
        var path = Write(json);

        var error = Assert.Throws<SuperTuneException>(() => SearchSpaceFile.Load(path));

        Assert.Contains(expected, error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void OptionParsesChoicesAndRanges()
    {
        Assert.Equal([16.0, 32.0], SearchSpaceFile.ParseOption("--batch-sizes", "16,32", log: false).Values!);
        Assert.Equal(ParameterRange.Between(2e-5, 5e-4, log: true, gridPoints: 3),
            SearchSpaceFile.ParseOption("--learning-rates", "2e-5:5e-4", log: true));
        Assert.Equal(ParameterRange.Between(0, 0.2, log: false, gridPoints: 5),
            SearchSpaceFile.ParseOption("--warmup-ratios", "0:0.2:5", log: false));
    }

    [Theory]
    [InlineData("1e-4,abc", "--learning-rates: \"abc\" is not a number")]
    [InlineData("1e-4:2e-4:3:4", "--learning-rates \"1e-4:2e-4:3:4\" is not a range")]
    [InlineData("1e-4:2e-4:2.5", "grid points must be a whole number")]
    [InlineData("", "--learning-rates: \"\" is not a number")]
    public void MalformedOptionIsExplained(string text, string expected)
    {
        var error = Assert.Throws<SuperTuneException>(() => SearchSpaceFile.ParseOption("--learning-rates", text, log: true));

        Assert.Contains(expected, error.Message);
        Assert.Contains("MIN:MAX", error.Hint);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(folder, $"space-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
