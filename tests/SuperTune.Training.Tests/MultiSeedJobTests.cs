using SuperTune.Training.Jobs;
using Xunit.Abstractions;

namespace SuperTune.Training.Tests;

public class MultiSeedJobTests(ITestOutputHelper testOutput) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-seeds-").FullName;

    [Fact]
    public void SeedsGetFoldersAndSummary()
    {
        var data = Path.Combine(folder, "train.csv");
        var lines = new List<string> { "text,label" };
        for (var i = 0; i < 20; i++) lines.AddRange([$"where is my card {i},card", $"refund please {i},refund"]);
        File.WriteAllLines(data, lines);
        var output = Path.Combine(folder, "out");
        var request = new TrainRequest
        {
            DataPath = data,
            TestPath = data,
            OutputFolder = output,
            BaseModel = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert")),
            Mode = "standard",
            Options = new TrainingOptions { NumTrainEpochs = 1, BatchSize = 8, Seed = 5 },
        };

        var summary = new MultiSeedJob(new TestOutputLoggerFactory(testOutput)).Run(request, seeds: 2);

        Assert.True(File.Exists(Path.Combine(output, "seeds", "5", "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(output, "seeds", "6", "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(output, "metrics.json")));
        Assert.Contains("accuracy", summary.GetSection("test.std")!.Keys);
        Assert.Contains("seed 6", File.ReadAllText(Path.Combine(output, "report.md")));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
