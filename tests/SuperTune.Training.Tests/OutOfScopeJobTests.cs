using System.Text.Json.Nodes;
using SuperTune.Core.OutOfScope;
using SuperTune.Training.Jobs;
using Xunit.Abstractions;

namespace SuperTune.Training.Tests;

public class OutOfScopeJobTests(ITestOutputHelper testOutput) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-oos-").FullName;

    private string WriteData(string name, int copies)
    {
        var lines = new List<string> { "text,label" };
        for (var i = 0; i < copies; i++)
        {
            lines.Add($"where is my card {i},card");
            lines.Add($"my card still hasn't arrived {i},card");
            lines.Add($"i want my money back please {i},refund");
            lines.Add($"refund please {i}!,refund");
            lines.Add($"the a the a {i},oos");
        }

        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, lines.Distinct());
        return path;
    }

    [Fact]
    public void OosLabelRuleIsTunedSavedAndApplied()
    {
        var output = Path.Combine(folder, "out");
        var request = new TrainRequest
        {
            DataPath = WriteData("train.csv", 20),
            ValidationPath = WriteData("validation.csv", 3),
            TestPath = WriteData("test.csv", 2),
            OutputFolder = output,
            BaseModel = TinyBaseFolder.Create(Path.Combine(folder, "tiny-bert")),
            OutOfScope = new OutOfScopeOptions { Label = "oos" },
            Options = new TrainingOptions
            {
                NumTrainEpochs = 10, LearningRate = 3e-3, BatchSize = 8, EarlyStoppingPatience = 0, Pooling = "mean",
            },
        };

        var metrics = new FineTuneJob(new TestOutputLoggerFactory(testOutput)).Run(request);

        var test = metrics.GetSection("test")!;
        Assert.True(Convert.ToDouble(test["in_scope_accuracy"]) >= 0.9, $"in-scope accuracy {test["in_scope_accuracy"]}");
        Assert.True(Convert.ToDouble(test["oos_recall"]) >= 0.9, $"OOS recall {test["oos_recall"]}");
        Assert.Contains("oos_precision", test.Keys);
        Assert.Contains("oos_auroc", test.Keys);
        var section = metrics.GetSection("out_of_scope")!;
        Assert.Contains("margin.test.oos_recall", section.Keys);
        Assert.Contains("label.validation.in_scope_accuracy", section.Keys);

        var saved = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!["supertune"]!["out_of_scope"]!;
        Assert.Equal("oos", saved["label"]!.GetValue<string>());
        Assert.Contains(saved["scheme"]!.GetValue<string>(), OutOfScopeSchemes.All);
        Assert.Contains("Out-of-scope detection", File.ReadAllText(Path.Combine(output, "report.md")));

        using var predictor = ClassifierPredictor.Load(output);
        var predictions = predictor.Predict(["the a the a", "where is my card"]);
        Assert.True(predictions[0].OutOfScope);
        Assert.NotNull(predictions[0].OutOfScopeReason);
        Assert.False(predictions[1].OutOfScope);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
