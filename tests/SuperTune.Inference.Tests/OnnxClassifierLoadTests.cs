using SuperTune.Core;
using SuperTune.Core.OutOfScope;
using SuperTune.Core.Predictions;
using SuperTune.Inference.Tests.Fixtures;

namespace SuperTune.Inference.Tests;

public sealed class OnnxClassifierLoadTests : IDisposable
{
    private static readonly OnnxClassifierOptions OneThread = new() { IntraOpThreads = 1 };

    private readonly TemporaryFolder _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void InfoComesFromMetadata()
    {
        // Given a model exported with the full metadata
        string folder = Write(new StandInModel());

        // When it is loaded
        using var classifier = OnnxClassifier.Load(folder, OneThread);

        // Then every entry is read
        ModelInfo info = classifier.Info;
        Assert.Equal("model", info.Name);
        Assert.Equal(Path.GetFullPath(folder), info.Folder);
        Assert.Equal("classify", info.Task);
        Assert.Equal(["billing", "delivery", "refund", "other"], info.Labels);
        Assert.Equal(16, info.MaxLength);
        Assert.Equal(1f, info.Temperature);
        Assert.Equal("mean", info.Pooling);
        Assert.Equal("stand-in", info.BaseModel);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), info.ExportedAt);
        Assert.Contains("macro_f1", info.MetricsJson);
    }

    [Fact]
    public void OptionalMetadataMayBeAbsent()
    {
        string folder = Write(new StandInModel
        {
            MetadataChanges = new Dictionary<string, string?>
            {
                [OnnxMetadataKeys.Temperature] = null,
                [OnnxMetadataKeys.Metrics] = null,
                [OnnxMetadataKeys.ExportedAt] = null,
                [OnnxMetadataKeys.BaseModel] = null,
                [OnnxMetadataKeys.Pooling] = null,
                [OnnxMetadataKeys.Id2Label] = null,
            },
        });

        using var classifier = OnnxClassifier.Load(folder, OneThread);

        Assert.Equal(1f, classifier.Info.Temperature);
        Assert.Null(classifier.Info.MetricsJson);
        Assert.Null(classifier.Info.ExportedAt);
        Assert.Null(classifier.Info.BaseModel);
        Assert.Null(classifier.Info.Pooling);
    }

    [Fact]
    public void TemperatureFlattensScores()
    {
        // Given the same weights exported at temperature 1 and 2
        string cold = Write(new StandInModel(), "cold");
        string warm = Write(new StandInModel
        {
            MetadataChanges = new Dictionary<string, string?> { [OnnxMetadataKeys.Temperature] = "2" },
        }, "warm");
        using var coldClassifier = OnnxClassifier.Load(cold, OneThread);
        using var warmClassifier = OnnxClassifier.Load(warm, OneThread);
        var everyLabel = new ClassifyOptions { TopK = 4 };

        // When one text is classified by both
        ClassificationResult coldResult = coldClassifier.Classify(["refund please"], everyLabel)[0];
        ClassificationResult warmResult = warmClassifier.Classify(["refund please"], everyLabel)[0];

        // Then softmax(z / 2) is proportional to the square root of softmax(z)
        double normalizer = coldResult.TopLabels.Sum(l => Math.Sqrt(l.Score));
        foreach (LabelScore score in coldResult.TopLabels)
        {
            double expected = Math.Sqrt(score.Score) / normalizer;
            Assert.Equal(expected, warmResult.TopLabels.Single(l => l.Label == score.Label).Score, 1e-5);
        }
    }

    [Fact]
    public void OutOfScopeRuleMarksResults()
    {
        // Given a model whose rule rejects every text: no probability can reach a confidence threshold above 1
        string folder = Write(new StandInModel
        {
            MetadataChanges = new Dictionary<string, string?>
            {
                [OnnxMetadataKeys.OutOfScope] = "{\"scheme\":\"confidence\",\"threshold\":1.5,\"label\":\"oos\"}",
            },
        }, "strict");
        using var classifier = OnnxClassifier.Load(folder, OneThread);

        // When a text is classified
        ClassificationResult result = classifier.Classify(["refund please"])[0];

        // Then the result is out of scope with the reason, and the best label is still reported
        Assert.Equal(OutOfScopeSchemes.Confidence, classifier.Info.OutOfScope!.Scheme);
        Assert.True(result.OutOfScope);
        Assert.StartsWith("confidence ", result.OutOfScopeReason);
        Assert.EndsWith("is below the threshold 1.500", result.OutOfScopeReason);
        Assert.False(string.IsNullOrEmpty(result.Label));
    }

    [Fact]
    public void InvalidOutOfScopeRuleIsNamed()
    {
        string folder = Write(new StandInModel
        {
            MetadataChanges = new Dictionary<string, string?> { [OnnxMetadataKeys.OutOfScope] = "{\"scheme\":\"entropy\"}" },
        }, "unknown-scheme");

        var exception = Assert.Throws<SuperTuneException>(() => OnnxClassifier.Load(folder, OneThread));

        Assert.Contains(OnnxMetadataKeys.OutOfScope, exception.Message);
    }

    [Fact]
    public void MissingFolderIsNamed()
    {
        string folder = _temporary.Combine("absent");

        var exception = Assert.Throws<SuperTuneException>(() => OnnxClassifier.Load(folder, OneThread));

        Assert.Contains(folder, exception.Message);
        Assert.Contains("not found", exception.Message);
    }

    [Fact]
    public void MissingModelFileAsksForExport()
    {
        string folder = Write(new StandInModel());
        File.Delete(Path.Combine(folder, "model.onnx"));

        var exception = Assert.Throws<SuperTuneException>(() => OnnxClassifier.Load(folder, OneThread));

        Assert.Contains("model.onnx", exception.Message);
        Assert.Contains(folder, exception.Message);
        Assert.Contains($"supertune export --model {folder}", exception.Hint);
    }

    [Fact]
    public void MissingVocabularyIsNamed()
    {
        string folder = Write(new StandInModel());
        File.Delete(Path.Combine(folder, "vocab.txt"));

        var exception = Assert.Throws<SuperTuneException>(() => OnnxClassifier.Load(folder, OneThread));

        Assert.Contains("vocab.txt", exception.Message);
    }

    [Fact]
    public void CorruptModelFileIsNamed()
    {
        string folder = Write(new StandInModel());
        string modelPath = Path.Combine(folder, "model.onnx");
        File.WriteAllBytes(modelPath, [0x08, 0x07, 0x12, 0xff, 0xff, 0x01, 0x02, 0x03]);

        var exception = Assert.Throws<SuperTuneException>(() => OnnxClassifier.Load(folder, OneThread));

        Assert.Contains(modelPath, exception.Message);
        Assert.Contains("supertune export", exception.Hint);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    [InlineData(0.0)]
    public void TruncatedModelFileIsNamed(double keptShare)
    {
        string folder = Write(new StandInModel());
        string modelPath = Path.Combine(folder, "model.onnx");
        byte[] bytes = File.ReadAllBytes(modelPath);
        File.WriteAllBytes(modelPath, bytes[..(int)(bytes.Length * keptShare)]);

        var exception = Assert.Throws<SuperTuneException>(() => OnnxClassifier.Load(folder, OneThread));

        Assert.Contains(modelPath, exception.Message);
    }

    [Theory]
    [InlineData(OnnxMetadataKeys.Labels, null, "supertune.labels is missing")]
    [InlineData(OnnxMetadataKeys.MaxLength, null, "supertune.max_length is missing")]
    [InlineData(OnnxMetadataKeys.Task, null, "supertune.task is missing")]
    [InlineData(OnnxMetadataKeys.Task, "embed", "a \"classify\" model is needed")]
    [InlineData(OnnxMetadataKeys.Labels, "billing", "must be a JSON array")]
    [InlineData(OnnxMetadataKeys.Labels, "[]", "must be a JSON array")]
    [InlineData(OnnxMetadataKeys.Labels, """["a","a","b","c"]""", "names \"a\" more than once")]
    [InlineData(OnnxMetadataKeys.MaxLength, "1", "at least 2")]
    [InlineData(OnnxMetadataKeys.MaxLength, "many", "at least 2")]
    [InlineData(OnnxMetadataKeys.Temperature, "0", "positive number")]
    [InlineData(OnnxMetadataKeys.ExportedAt, "yesterday", "ISO 8601")]
    [InlineData(OnnxMetadataKeys.Metrics, "{", "must be JSON")]
    public void InvalidMetadataIsNamed(string key, string? value, string problem)
    {
        string folder = Write(new StandInModel
        {
            MetadataChanges = new Dictionary<string, string?> { [key] = value },
        });

        var exception = Assert.Throws<SuperTuneException>(() => OnnxClassifier.Load(folder, OneThread));

        Assert.Contains(Path.Combine(folder, "model.onnx"), exception.Message);
        Assert.Contains(problem, exception.Message);
    }

    [Fact]
    public void EveryMetadataProblemIsReportedAtOnce()
    {
        string folder = Write(new StandInModel
        {
            MetadataChanges = new Dictionary<string, string?>
            {
                [OnnxMetadataKeys.Labels] = null,
                [OnnxMetadataKeys.MaxLength] = null,
            },
        });

        var exception = Assert.Throws<SuperTuneException>(() => OnnxClassifier.Load(folder, OneThread));

        Assert.Contains("supertune.labels is missing", exception.Message);
        Assert.Contains("supertune.max_length is missing", exception.Message);
    }

    [Fact]
    public void LabelCountMustMatchLogits()
    {
        string folder = Write(new StandInModel
        {
            MetadataChanges = new Dictionary<string, string?> { [OnnxMetadataKeys.Labels] = """["a","b"]""" },
        });

        var exception = Assert.Throws<SuperTuneException>(() => OnnxClassifier.Load(folder, OneThread));

        Assert.Contains("has 4 classes, but the metadata names 2 labels", exception.Message);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        string folder = Write(new StandInModel());

        Assert.Throws<ArgumentOutOfRangeException>(
            () => OnnxClassifier.Load(folder, new OnnxClassifierOptions { IntraOpThreads = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => OnnxClassifier.Load(folder, new OnnxClassifierOptions { MaxBatchSize = 0 }));
    }

    private string Write(StandInModel model, string name = "model")
    {
        string folder = _temporary.Combine(name);
        model.WriteTo(folder);
        return folder;
    }
}
