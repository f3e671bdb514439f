using SuperTune.Core;

namespace SuperTune.Training.Tests;

public class TrainingOptionsFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-options-").FullName;

    [Fact]
    public void SavedOptionsLoadUnchanged()
    {
        var options = new TrainingOptions
        {
            LearningRate = 3.2e-4, NumTrainEpochs = 4, BatchSize = 16, WarmupRatio = 0.06, WeightDecay = 0,
            Pooling = "cls", Seed = 9, ClassWeighting = "none",
        };
        var path = Path.Combine(folder, "training_options.json");
        options.Save(path);

        var loaded = TrainingOptionsFile.Load(path);

        Assert.Equal(options, loaded);
    }

    [Fact]
    public void MissingSettingsKeepDefaults()
    {
        var path = Write("{\"learning_rate\": 0.0002}");

        var loaded = TrainingOptionsFile.Load(path);

        Assert.Equal(new TrainingOptions { LearningRate = 2e-4 }, loaded);
    }

    [Fact]
    public void UnknownSettingIsNamed()
    {
        var path = Write("{\"learnig_rate\": 0.0002}");

        var error = Assert.Throws<SuperTuneException>(() => TrainingOptionsFile.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("\"learnig_rate\"", error.Message);
        Assert.Contains("learning_rate", error.Hint);
    }

    [Fact]
    public void WrongTypeNamesSettingAndLine()
    {
        var path = Write("{\n  \"seed\": 1,\n  \"num_train_epochs\": \"three\"\n}");

        var error = Assert.Throws<SuperTuneException>(() => TrainingOptionsFile.Load(path));

        Assert.Contains("num_train_epochs", error.Message);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void InvalidJsonNamesLine()
    {
        var path = Write("{\n  \"seed\": 1\n  \"pooling\": \"cls\"\n}");

        var error = Assert.Throws<SuperTuneException>(() => TrainingOptionsFile.Load(path));

        Assert.Contains("not valid JSON at line 3", error.Message);
    }

    [Fact]
    public void OutOfRangeValueNamesFileAndOption()
    {
        var path = Write("{\"learning_rate\": 0.5}");

        var error = Assert.Throws<SuperTuneException>(() => TrainingOptionsFile.Load(path, "--options"));

        Assert.StartsWith($"--options {path}:", error.Message);
        Assert.Contains("--learning-rate must be in (0, 0.01], got 0.5", error.Message);
    }

    [Fact]
    public void NonObjectIsRejected()
    {
        var path = Write("[1, 2]");

        var error = Assert.Throws<SuperTuneException>(() => TrainingOptionsFile.Load(path));

        Assert.Contains("array", error.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var path = Path.Combine(folder, "absent.json");

        var error = Assert.Throws<SuperTuneException>(() => TrainingOptionsFile.Load(path));

        Assert.Equal($"--options {path}: file not found.", error.Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(folder, $"options-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
