using Xunit.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;
using SuperTune.Core;
using SuperTune.Modeling.Weights;
using SuperTune.Training.Jobs;

namespace SuperTune.Training.Tests;

public class FineTuneJobTests(ITestOutputHelper testOutput) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-job-").FullName;

    private string WriteData(string name, int copies)
    {
        var lines = new List<string> { "text,label" };
        for (var i = 0; i < copies; i++)
        {
            lines.Add($"where is my card {i % 3},card");
            lines.Add($"my card still hasn't arrived {i},card");
            lines.Add($"i want my money back please {i},refund");
            lines.Add($"refund please {i % 4}!,refund");
            lines.Add($"forgot my password {i},password");
            lines.Add($"help me reset login {i}?,password");
        }

        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, lines.Distinct());
        return path;
    }

    [Fact]
    public void HuggingFaceFolderLoadsAsBase()
    {
        var basePath = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));

        using var pretrained = PretrainedBase.Load(basePath);

        Assert.Equal(32, pretrained.Config.HiddenSize);
        Assert.Contains("encoder.layer.1.output.LayerNorm.weight", pretrained.Weights.Keys);
        Assert.Equal("cls", pretrained.DefaultPooling);
    }

    [Fact]
    public void TrainsTinyBaseAndWritesModelFolder()
    {
        var basePath = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var output = Path.Combine(folder, "out");
        var request = new TrainRequest
        {
            DataPath = WriteData("train.csv", 30),
            TestPath = WriteData("test.csv", 2),
            OutputFolder = output,
            BaseModel = basePath,
            Options = new TrainingOptions
            {
                NumTrainEpochs = 15, LearningRate = 3e-3, BatchSize = 8, EarlyStoppingPatience = 0, Pooling = "mean",
            },
        };

        var metrics = new FineTuneJob(new TestOutputLoggerFactory(testOutput)).Run(request);

        var accuracy = Convert.ToDouble(metrics.GetSection("test")!["accuracy"]);
        Assert.True(accuracy >= 0.9, $"test accuracy {accuracy}");
        Assert.True(File.Exists(Path.Combine(output, "model.safetensors")));
        Assert.Empty(Directory.GetDirectories(folder, ".out.partial-*"));
    }

    [Fact]
    public void RetrainingReplacesEarlierModelFolder()
    {
        var basePath = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var output = Path.Combine(folder, "out");
        var request = new TrainRequest
        {
            DataPath = WriteData("train.csv", 4),
            OutputFolder = output,
            BaseModel = basePath,
            Options = new TrainingOptions { NumTrainEpochs = 1, BatchSize = 8 },
        };

        new FineTuneJob(new TestOutputLoggerFactory(testOutput)).Run(request);
        File.WriteAllText(Path.Combine(output, "report.md"), "from the first run");
        new FineTuneJob(new TestOutputLoggerFactory(testOutput)).Run(request);

        Assert.NotEqual("from the first run", File.ReadAllText(Path.Combine(output, "report.md")));
        Assert.True(File.Exists(Path.Combine(output, "config.json")));
    }

    [Fact]
    public void UserFileInOutputBlocksTraining()
    {
        var basePath = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var output = Path.Combine(folder, "out");
        var request = new TrainRequest
        {
            DataPath = WriteData("train.csv", 4),
            OutputFolder = output,
            BaseModel = basePath,
            Options = new TrainingOptions { NumTrainEpochs = 1, BatchSize = 8 },
        };
        new FineTuneJob(new TestOutputLoggerFactory(testOutput)).Run(request);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var error = Assert.Throws<SuperTuneException>(() => new FineTuneJob(new TestOutputLoggerFactory(testOutput)).Run(request));

        Assert.Contains("notes.txt", error.Message);
        Assert.True(File.Exists(Path.Combine(output, "notes.txt")));
    }

    [Fact]
    public void BaseFolderAsOutputIsRejected()
    {
        var basePath = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var request = new TrainRequest { DataPath = WriteData("train.csv", 4), OutputFolder = basePath, BaseModel = basePath };

        var error = Assert.Throws<SuperTuneException>(() => new FineTuneJob(new TestOutputLoggerFactory(testOutput)).Run(request));

        Assert.Contains(basePath, error.Message);
        Assert.True(File.Exists(Path.Combine(basePath, "model.safetensors")));
    }

    [Fact]
    public void CancelledRunWritesNothing()
    {
        var basePath = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var output = Path.Combine(folder, "out");
        var request = new TrainRequest { DataPath = WriteData("train.csv", 4), OutputFolder = output, BaseModel = basePath };
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            new FineTuneJob(new TestOutputLoggerFactory(testOutput)).Run(request, cancelled.Token));

        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetDirectories(folder, ".out.partial-*"));
    }

    [Fact]
    public void InterruptedRunKeepsCheckpointsAndResumes()
    {
        var basePath = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var output = Path.Combine(folder, "out");
        var request = new TrainRequest
        {
            DataPath = WriteData("train.csv", 6), OutputFolder = output, BaseModel = basePath,
            Mode = SuperTune.Training.FewShot.TrainingModes.Standard,
            Options = new TrainingOptions { NumTrainEpochs = 3, BatchSize = 4, SaveSteps = 2, EarlyStoppingPatience = 0 },
        };
        using var interruption = new CancellationTokenSource();
        var loggers = new TestOutputLoggerFactory(testOutput);

        // Given a run interrupted after its fifth optimizer step,
        Assert.Throws<OperationCanceledException>(() =>
            new FineTuneJob(loggers, new CancelAfterStep(interruption, step: 5)).Run(request, interruption.Token));
        Assert.False(Directory.Exists(output));
        var staging = Assert.Single(Directory.GetDirectories(folder, ".out.partial-*"));
        Assert.NotEmpty(Directory.GetDirectories(Path.Combine(staging, "checkpoints"), "checkpoint-*"));

        // a new run into the same folder is rejected with a pointer to --resume,
        var error = Assert.Throws<SuperTuneException>(() => new FineTuneJob(loggers).Run(request));
        Assert.Contains("--resume", error.Hint);

        // and resuming finishes the run and leaves no staging folder.
        var metrics = new FineTuneJob(loggers).Resume(output);
        Assert.True(File.Exists(Path.Combine(output, "model.safetensors")));
        Assert.False(Directory.Exists(Path.Combine(output, "checkpoints")));
        Assert.Empty(Directory.GetDirectories(folder, ".out.partial-*"));
        Assert.True(metrics.GetSection("validation")!.ContainsKey("accuracy"));
    }

    [Fact]
    public void BatchAboveMemoryLimitIsRejected()
    {
        var basePath = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        var output = Path.Combine(folder, "out");
        var request = new TrainRequest
        {
            DataPath = WriteData("train.csv", 4), OutputFolder = output, BaseModel = basePath,
            Options = new TrainingOptions { MaxMemoryGb = 1e-4 },
        };

        var error = Assert.Throws<SuperTuneException>(() =>
            new FineTuneJob(new TestOutputLoggerFactory(testOutput)).Run(request));

        Assert.Contains("--max-memory-gb", error.Message);
        Assert.Contains("--batch-size", error.Hint);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void MissingSafetensorsIsNamed()
    {
        var basePath = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert"));
        File.Delete(Path.Combine(basePath, "model.safetensors"));

        var error = Assert.Throws<SuperTuneException>(() => PretrainedBase.Load(basePath));

        Assert.Contains("model.safetensors", error.Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
