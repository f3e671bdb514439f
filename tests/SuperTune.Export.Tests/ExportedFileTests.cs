using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onnx;
using SuperTune.Core.Models;

namespace SuperTune.Export.Tests;

/// <summary>The header, inputs, outputs, initializers and metadata of the written file.</summary>
public class ExportedFileTests
{
    [Fact]
    public void HeaderFollowsContract()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);

        var model = Read(OnnxExporter.Export(folder.Path));

        Assert.Equal(8, model.IrVersion);
        Assert.Equal("SuperTune", model.ProducerName);
        var opset = Assert.Single(model.OpsetImport);
        Assert.Equal("", opset.Domain);
        Assert.Equal(17, opset.Version);
    }

    [Fact]
    public void InputsAndOutputHaveSymbolicAxes()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);

        var graph = Read(OnnxExporter.Export(folder.Path)).Graph;

        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], graph.Input.Select(input => input.Name));
        foreach (var input in graph.Input)
        {
            Assert.Equal((int)TensorProto.Types.DataType.Int64, input.Type.TensorType.ElemType);
            Assert.Equal(["batch", "sequence"], input.Type.TensorType.Shape.Dim.Select(dim => dim.DimParam));
        }

        var logits = Assert.Single(graph.Output);
        Assert.Equal("logits", logits.Name);
        Assert.Equal((int)TensorProto.Types.DataType.Float, logits.Type.TensorType.ElemType);
        Assert.Equal("batch", logits.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(3, logits.Type.TensorType.Shape.Dim[1].DimValue);
    }

    [Fact]
    public void LinearWeightsAreTransposedUnderHuggingFaceKeys()
    {
        using var folder = new TemporaryFolder();
        var config = TinyClassifierFolder.Create(folder.Path, PoolingNames.Cls);

        var initializers = Read(OnnxExporter.Export(folder.Path)).Graph.Initializer.ToDictionary(t => t.Name);

        var intermediate = initializers["bert.encoder.layer.0.intermediate.dense.weight"];
        Assert.Equal([32L, 37L], intermediate.Dims);
        Assert.Equal(32 * 37 * sizeof(float), intermediate.RawData.Length);
        Assert.Equal([32L, 3L], initializers["classifier.weight"].Dims);
        Assert.Equal([config.VocabSize, 32L], initializers["bert.embeddings.word_embeddings.weight"].Dims);
        Assert.Contains("bert.pooler.dense.weight", initializers.Keys);
        Assert.Contains("bert.encoder.layer.1.attention.output.LayerNorm.bias", initializers.Keys);
    }

    [Fact]
    public void MeanPoolingGraphLeavesPoolerOut()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);

        var graph = Read(OnnxExporter.Export(folder.Path)).Graph;

        Assert.DoesNotContain(graph.Initializer, t => t.Name.StartsWith("bert.pooler.", StringComparison.Ordinal));
        Assert.DoesNotContain(graph.Node, node => node.OpType == "Tanh");
    }

    [Fact]
    public void MetadataDescribesModel()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Cls);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var metadata = Metadata(OnnxExporter.Export(folder.Path));

        Assert.Equal("classify", metadata["supertune.task"]);
        Assert.Equal("""["billing","card_arrival","password_reset"]""", metadata["supertune.labels"]);
        Assert.Equal("""{"0":"billing","1":"card_arrival","2":"password_reset"}""", metadata["supertune.id2label"]);
        Assert.Equal("cls", metadata["supertune.pooling"]);
        Assert.Equal("48", metadata["supertune.max_length"]);
        Assert.Equal("tiny-test", metadata["supertune.base_model"]);
        Assert.Equal("1", metadata["supertune.temperature"]);
        Assert.DoesNotContain("supertune.metrics", metadata.Keys);
        var exportedAt = DateTimeOffset.ParseExact(metadata["supertune.exported_at"], "yyyy-MM-dd'T'HH:mm:ss'Z'",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(exportedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void TemperatureComesFromConfig()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        var config = JsonNode.Parse(File.ReadAllText(folder.File("config.json")))!;
        config["supertune"]!["temperature"] = 1.75;
        File.WriteAllText(folder.File("config.json"), config.ToJsonString());

        var metadata = Metadata(OnnxExporter.Export(folder.Path));

        Assert.Equal("1.75", metadata["supertune.temperature"]);
    }

    [Fact]
    public void OutOfScopeRuleComesFromConfig()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        var config = JsonNode.Parse(File.ReadAllText(folder.File("config.json")))!;
        config["supertune"]!["out_of_scope"] = new JsonObject
        {
            ["scheme"] = "margin", ["threshold"] = 0.125, ["label"] = "oos", ["objective"] = "target-precision",
        };
        File.WriteAllText(folder.File("config.json"), config.ToJsonString());

        var metadata = Metadata(OnnxExporter.Export(folder.Path));

        var rule = JsonNode.Parse(metadata["supertune.out_of_scope"])!;
        Assert.Equal("margin", rule["scheme"]!.GetValue<string>());
        Assert.Equal(0.125, rule["threshold"]!.GetValue<double>());
        Assert.Equal("oos", rule["label"]!.GetValue<string>());
    }

    [Fact]
    public void NoOutOfScopeRuleWritesNoEntry()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);

        var metadata = Metadata(OnnxExporter.Export(folder.Path));

        Assert.False(metadata.ContainsKey("supertune.out_of_scope"));
    }

    [Fact]
    public void MetricsAreStoredCompact()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        File.WriteAllText(folder.File("metrics.json"), """
            {
              "test": { "accuracy": 0.91, "macro_f1": 0.9, "label": "café" }
            }
            """);

        var metadata = Metadata(OnnxExporter.Export(folder.Path));

        Assert.Equal("""{"test":{"accuracy":0.91,"macro_f1":0.9,"label":"café"}}""", metadata["supertune.metrics"]);
        Assert.Equal(0.91, JsonDocument.Parse(metadata["supertune.metrics"]).RootElement
            .GetProperty("test").GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void ExportWritesChosenPathOnly()
    {
        using var folder = new TemporaryFolder();
        using var output = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        var target = Path.Combine(output.Path, "nested", "intents.onnx");

        var path = OnnxExporter.Export(folder.Path, target);

        Assert.Equal(target, path);
        Assert.True(File.Exists(target));
        Assert.False(File.Exists(folder.File("model.onnx")));
        Assert.Equal(["intents.onnx"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }

    [Fact]
    public void ExportReplacesEarlierFile()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        File.WriteAllText(folder.File("model.onnx"), "an earlier export");

        var path = OnnxExporter.Export(folder.Path);

        Assert.Equal(folder.File("model.onnx"), path);
        Assert.Equal("logits", Read(path).Graph.Output[0].Name);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    private static ModelProto Read(string path) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));

    private static Dictionary<string, string> Metadata(string path) =>
        Read(path).MetadataProps.ToDictionary(entry => entry.Key, entry => entry.Value);
}
