using System.Text.Json;

namespace SuperTune.Cli.Tests;

/// <summary>
/// Fine-tunes the bundled MiniLM on the repository's sample dataset once through the CLI, then checks the model
/// folder, evaluation and prediction. About a minute on 2 cores.
/// </summary>
public class SampleFineTuningTests : IClassFixture<SampleFineTuningTests.TrainedSample>
{
    /// <summary>Stated floor for the sample test split (120 messages, 10 intents); the run reaches about 0.95.</summary>
    private const double MinimumTestAccuracy = 0.85;

    private readonly TrainedSample sample;

    public SampleFineTuningTests(TrainedSample sample) => this.sample = sample;

    [Fact]
    public void TrainingSucceeds()
    {
        Assert.True(sample.Train.ExitCode == 0, sample.Train.Error);
    }

    [Fact]
    public void TestAccuracyReachesFloor()
    {
        var metrics = ReadMetrics();

        var accuracy = metrics.GetProperty("test").GetProperty("accuracy").GetDouble();

        Assert.True(accuracy >= MinimumTestAccuracy, $"test accuracy {accuracy:P1}");
    }

    [Fact]
    public void ModelFolderHasEveryFile()
    {
        string[] expected =
        [
            "config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json", "training_options.json",
            "metrics.json", "metrics.jsonl", "report.md", "confusion.csv", "confusion.png", "errors.csv",
        ];

        foreach (var file in expected) Assert.True(File.Exists(Path.Combine(sample.Folder, file)), $"{file} is missing");
    }

    [Fact]
    public void MetricsHaveRequiredKeys()
    {
        var metrics = ReadMetrics();

        Assert.True(metrics.GetProperty("test").TryGetProperty("macro_f1", out _));
        Assert.True(metrics.GetProperty("validation").TryGetProperty("accuracy", out _));
        Assert.True(metrics.GetProperty("training").GetProperty("examples_per_second").GetDouble() > 0);
        Assert.True(metrics.GetProperty("training").GetProperty("seconds").GetDouble() > 0);
    }

    [Fact]
    public void ConfigHasHuggingFaceLabelMaps()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Folder, "config.json")));

        var id2label = config.RootElement.GetProperty("id2label");
        var label2id = config.RootElement.GetProperty("label2id");

        Assert.Equal(10, id2label.EnumerateObject().Count());
        Assert.Equal("cancel_subscription", id2label.GetProperty("0").GetString());
        Assert.Equal(0, label2id.GetProperty("cancel_subscription").GetInt32());
        Assert.Equal("BertForSequenceClassification", config.RootElement.GetProperty("architectures")[0].GetString());
    }

    [Fact]
    public void PredictPrintsTheRightIntent()
    {
        var result = CliRunner.Run("predict", "--model", sample.Folder, "--text", "my new card still hasn't arrived",
            "--json");

        Assert.Equal(0, result.ExitCode);
        using var prediction = JsonDocument.Parse(result.Output.Trim());
        Assert.Equal("card_not_arrived", prediction.RootElement.GetProperty("label").GetString());
        Assert.Equal(3, prediction.RootElement.GetProperty("top").GetArrayLength());
        Assert.Contains("supertune export --model", result.Error);
    }

    [Fact]
    public void EvaluateCountsUnseenLabelsAsErrors()
    {
        var data = Path.Combine(sample.Folder, "..", "unseen.csv");
        File.WriteAllText(data, "text,label\nwhere is my card,card_not_arrived\nwhat is the weather,weather\n");
        var output = Path.Combine(sample.Folder, "..", "unseen-eval");

        var result = CliRunner.Run("evaluate", "--model", sample.Folder, "--data", data, "--out", output);

        Assert.Equal(0, result.ExitCode);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        Assert.Equal(0.5, metrics.RootElement.GetProperty("evaluation").GetProperty("accuracy").GetDouble());
        Assert.Contains("weather", File.ReadAllText(Path.Combine(output, "report.md")));
    }

    [Fact]
    public void ExportWritesOnnxGraph()
    {
        var path = Path.Combine(sample.Folder, "..", "exported.onnx");

        var result = CliRunner.Run("export", "--model", sample.Folder, "--out", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("exported.onnx", result.Output);
        Assert.True(new FileInfo(path).Length > 80_000_000, "the MiniLM graph should carry about 90 MB of weights");
    }

    [Fact]
    public void OnnxRuntimeScoresMatchTorchSharp()
    {
        var folder = Path.Combine(sample.Folder, "..", "onnx-model");
        CopyFolder(sample.Folder, folder);
        Assert.Equal(0, CliRunner.Run("export", "--model", folder).ExitCode);
        var texts = File.ReadLines(Path.Combine(CliRunner.RepositoryRoot(), "data", "sample", "test.csv"))
            .Skip(1).Take(24).Select(line => line.Split(',')[0].Trim('"')).ToList();

        using var torchPredictor = SuperTune.Training.Jobs.ClassifierPredictor.Load(folder);
        using var onnxClassifier = SuperTune.Inference.OnnxClassifier.Load(folder);
        var expected = torchPredictor.Predict(texts, topK: 10);
        var actual = onnxClassifier.Classify(texts, new SuperTune.Inference.ClassifyOptions { TopK = 10 });

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(expected[i].Label, actual[i].Label);
            foreach (var score in expected[i].TopLabels)
            {
                var onnxScore = actual[i].TopLabels.Single(s => s.Label == score.Label).Score;
                Assert.True(Math.Abs(score.Score - onnxScore) < 1e-4,
                    $"text {i}, {score.Label}: TorchSharp {score.Score}, ONNX Runtime {onnxScore}");
            }
        }
    }

    [Fact]
    public void PredictOnnxMarksLowScoreFallback()
    {
        var folder = Path.Combine(sample.Folder, "..", "threshold-model");
        CopyFolder(sample.Folder, folder);
        Assert.Equal(0, CliRunner.Run("export", "--model", folder).ExitCode);

        var result = CliRunner.Run("predict", "--model", folder, "--text", "purple giraffes hum quietly at dawn",
            "--threshold", "0.99", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("warning:", result.Error);
        using var prediction = JsonDocument.Parse(result.Output.Trim());
        Assert.True(prediction.RootElement.GetProperty("fallback").GetBoolean(), result.Output);
    }

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), true);
    }

    private JsonElement ReadMetrics()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Folder, "metrics.json")));
        return document.RootElement.Clone();
    }

    /// <summary>Runs <c>supertune train</c> on data/sample once for the whole class.</summary>
    public sealed class TrainedSample : IDisposable
    {
        private readonly string root = Directory.CreateTempSubdirectory("supertune-sample-").FullName;

        public TrainedSample()
        {
            var data = Path.Combine(CliRunner.RepositoryRoot(), "data", "sample");
            Folder = Path.Combine(root, "model");
            Train = CliRunner.Run("train", "--data", Path.Combine(data, "train.csv"), "--test",
                Path.Combine(data, "test.csv"), "--out", Folder);
        }

        public string Folder { get; }

        public CliRunner.Result Train { get; }

        public void Dispose() => Directory.Delete(root, recursive: true);
    }
}
