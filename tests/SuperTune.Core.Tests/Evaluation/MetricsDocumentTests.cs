using System.Text.Json.Nodes;
using SuperTune.Core.Evaluation;

namespace SuperTune.Core.Tests.Evaluation;

public sealed class MetricsDocumentTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_NestsSectionsInOrder()
    {
        var path = _folder.File("metrics.json");
        var document = new MetricsDocument();
        document.SetSection("training", new Dictionary<string, object> { ["loss"] = 0.25, ["epochs"] = 3 });
        document.SetSection("validation", new Dictionary<string, object> { ["accuracy"] = 0.9, ["split"] = "dev" });

        document.Write(path);

        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.Equal(["training", "validation"], root.Select(p => p.Key));
        Assert.Equal(0.25, root["training"]!["loss"]!.GetValue<double>());
        Assert.Equal(3, root["training"]!["epochs"]!.GetValue<int>());
        Assert.Equal("dev", root["validation"]!["split"]!.GetValue<string>());
    }

    [Fact]
    public void Write_KeepsSectionsOfExistingFile()
    {
        // Given a metrics file written by training
        var path = _folder.File("metrics.json");
        var training = new MetricsDocument();
        training.SetSection("training", new Dictionary<string, object> { ["loss"] = 0.5 });
        training.SetSection("test", new Dictionary<string, object> { ["accuracy"] = 0.8 });
        training.Write(path);

        // When a fresh document with only an evaluation section and a new test section is written over it
        var evaluation = new MetricsDocument();
        evaluation.SetSection("test", new Dictionary<string, object> { ["accuracy"] = 0.85 });
        evaluation.SetSection("evaluation", new Dictionary<string, object> { ["macro_f1"] = 0.7 });
        evaluation.Write(path);

        // Then training is kept, test is replaced in place and evaluation is appended
        var merged = MetricsDocument.Load(path);
        Assert.Equal(["training", "test", "evaluation"], merged.SectionNames);
        Assert.Equal(0.5, merged.GetSection("training")!["loss"]);
        Assert.Equal(0.85, merged.GetSection("test")!["accuracy"]);
        Assert.Equal(0.7, merged.GetSection("evaluation")!["macro_f1"]);
    }

    [Fact]
    public void Write_RoundsToSixSignificantDigits()
    {
        var path = _folder.File("metrics.json");
        var document = new MetricsDocument();
        document.SetSection("test", new Dictionary<string, object>
        {
            ["third"] = 1.0 / 3,
            ["small"] = 0.000123456789,
            ["single"] = 0.1f,
        });

        document.Write(path);

        var text = File.ReadAllText(path);
        Assert.Contains("\"third\": 0.333333", text);
        Assert.Contains("\"small\": 0.000123457", text);
        Assert.Contains("\"single\": 0.1", text);
        Assert.DoesNotContain("0.10000000", text);
    }

    [Fact]
    public void Write_StoresNaNAsString()
    {
        var path = _folder.File("metrics.json");
        var document = new MetricsDocument();
        document.SetSection("training", new Dictionary<string, object> { ["loss"] = double.NaN });

        document.Write(path);

        Assert.Equal("NaN", MetricsDocument.Load(path).GetSection("training")!["loss"]);
    }

    [Fact]
    public void Write_LeavesNoTemporaryFile()
    {
        var path = _folder.File("model/metrics.json");
        var document = new MetricsDocument();
        document.SetSection("test", new Dictionary<string, object> { ["examples"] = 12 });

        document.Write(path);
        document.Write(path);

        Assert.Equal(["metrics.json"], Directory.GetFiles(_folder.File("model")).Select(Path.GetFileName));
    }

    [Fact]
    public void Load_MissingFile_IsEmpty()
    {
        var document = MetricsDocument.Load(_folder.File("absent.json"));

        Assert.Empty(document.SectionNames);
        Assert.Null(document.GetSection("training"));
    }

    [Fact]
    public void Load_InvalidJson_ThrowsWithLocation()
    {
        var path = _folder.File("metrics.json");
        File.WriteAllText(path, "{\n  \"training\": {\n    \"loss\": 0.5,,\n  }\n}\n");

        var exception = Assert.Throws<SuperTuneException>(() => MetricsDocument.Load(path));

        Assert.StartsWith(path + ":3:", exception.Message);
        Assert.NotNull(exception.Hint);
    }

    [Fact]
    public void Write_ArrayRoot_ThrowsWithoutOverwriting()
    {
        var path = _folder.File("metrics.json");
        File.WriteAllText(path, "[1, 2]");
        var document = new MetricsDocument();
        document.SetSection("test", new Dictionary<string, object> { ["accuracy"] = 1.0 });

        var exception = Assert.Throws<SuperTuneException>(() => document.Write(path));

        Assert.Contains("Array", exception.Message);
        Assert.Equal("[1, 2]", File.ReadAllText(path));
    }

    [Fact]
    public void SetSection_UnsupportedValue_NamesMetric()
    {
        var document = new MetricsDocument();

        var exception = Assert.Throws<ArgumentException>(() => document.SetSection(
            "training", new Dictionary<string, object> { ["when"] = DateTime.UnixEpoch }));

        Assert.Contains("'training.when'", exception.Message);
        Assert.Contains("DateTime", exception.Message);
    }
}
