using SuperTune.Core.Evaluation;

namespace SuperTune.Core.Tests.Evaluation;

public class HeatmapLimitTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-heatmap-").FullName;

    private static ClassificationEvaluation Evaluate(IReadOnlyList<string> labels) =>
        ClassificationEvaluation.Compute(labels,
            labels.Select((label, i) => new ClassificationPrediction($"text {i}", label, labels[0], 0.5f, i + 2)).ToList());

    [Fact]
    public void TooManyLabelsSkipHeatmapButKeepCsv()
    {
        var labels = Enumerable.Range(0, 1500).Select(i => $"intent_{i:D4}").ToList();

        var drawn = Evaluate(labels).WriteAll(folder);

        Assert.False(drawn);
        Assert.False(File.Exists(Path.Combine(folder, EvaluationFiles.ConfusionPngFileName)));
        Assert.True(File.Exists(Path.Combine(folder, EvaluationFiles.ConfusionCsvFileName)));
        Assert.True(File.Exists(Path.Combine(folder, EvaluationFiles.ErrorsCsvFileName)));
    }

    [Fact]
    public void VeryLongLabelIsDrawn()
    {
        var labels = new List<string> { new('x', 5000), "short" };

        var drawn = Evaluate(labels).WriteAll(folder);

        Assert.True(drawn);
        Assert.True(new FileInfo(Path.Combine(folder, EvaluationFiles.ConfusionPngFileName)).Length > 0);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
