using SuperTune.Training.FewShot;
using SuperTune.Training.Jobs;
using Xunit.Abstractions;

namespace SuperTune.Training.Tests.FewShot;

public class FewShotJobTests(ITestOutputHelper testOutput) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-fewshot-").FullName;

    [Fact]
    public void SmallLabelsTrainInFewShotMode()
    {
        // 8 examples per label: auto mode picks few-shot.
        var output = Path.Combine(folder, "out");
        var request = new TrainRequest
        {
            DataPath = FewShotData.Write(folder, "train.csv", 4),
            ValidationPath = FewShotData.Write(folder, "validation.csv", 1),
            TestPath = FewShotData.Write(folder, "test.csv", 2),
            OutputFolder = output,
            BaseModel = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert")),
            FewShot = new FewShotOptions
            {
                PairsPerExample = 8, ContrastiveEpochs = 1, ContrastiveLearningRate = 1e-3, HeadEpochs = 40,
                EndToEndEpochs = 1,
            },
            Options = new TrainingOptions { BatchSize = 8, LearningRate = 1e-3, Pooling = "mean" },
        };

        var metrics = new FineTuneJob(new TestOutputLoggerFactory(testOutput)).Run(request);

        Assert.Equal(TrainingModes.FewShot, metrics.GetSection("training")!["mode"]);
        var accuracy = Convert.ToDouble(metrics.GetSection("test")!["accuracy"]);
        Assert.True(accuracy >= 0.8, $"test accuracy {accuracy}");
        var log = File.ReadAllLines(Path.Combine(output, "metrics.jsonl"));
        Assert.Equal(3, log.Count(line => line.Contains("\"type\":\"start\"")));
        Assert.Contains(log, line => line.Contains("centroid_accuracy"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
