using System.Text.Json.Nodes;
using SuperTune.Core;
using SuperTune.Core.Models;

namespace SuperTune.Export.Tests;

/// <summary>A missing or damaged model folder fails with a message that names the file at fault.</summary>
public class ExportErrorTests
{
    [Fact]
    public void MissingFolderIsNamed()
    {
        using var folder = new TemporaryFolder();
        var missing = folder.File("no-such-run");

        var error = Assert.Throws<SuperTuneException>(() => OnnxExporter.Export(missing));

        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData("config.json")]
    [InlineData("model.safetensors")]
    [InlineData("vocab.txt")]
    public void MissingFileIsNamed(string file)
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        File.Delete(folder.File(file));

        var error = Assert.Throws<SuperTuneException>(() => OnnxExporter.Export(folder.Path));

        Assert.Contains(file, error.Message);
        Assert.False(File.Exists(folder.File("model.onnx")));
    }

    [Theory]
    [InlineData("config.json", "{ \"hidden_size\": 32,")]
    [InlineData("model.safetensors", "\u0010\0\0\0\0\0\0\0{\"a\":")]
    [InlineData("metrics.json", "{ \"test\": ")]
    public void DamagedFileIsNamed(string file, string content)
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        File.WriteAllText(folder.File(file), content);

        var error = Assert.Throws<SuperTuneException>(() => OnnxExporter.Export(folder.Path));

        Assert.Contains(folder.File(file), error.Message);
        Assert.False(File.Exists(folder.File("model.onnx")));
    }

    [Fact]
    public void TruncatedWeightsAreNamed()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        var weights = File.ReadAllBytes(folder.File("model.safetensors"));
        File.WriteAllBytes(folder.File("model.safetensors"), weights[..(weights.Length / 2)]);

        var error = Assert.Throws<SuperTuneException>(() => OnnxExporter.Export(folder.Path));

        Assert.Contains(folder.File("model.safetensors"), error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("\"warm\"")]
    public void InvalidTemperatureIsNamed(string temperature)
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        var config = JsonNode.Parse(File.ReadAllText(folder.File("config.json")))!;
        config["supertune"]!["temperature"] = JsonNode.Parse(temperature);
        File.WriteAllText(folder.File("config.json"), config.ToJsonString());

        var error = Assert.Throws<SuperTuneException>(() => OnnxExporter.Export(folder.Path));

        Assert.Contains(folder.File("config.json"), error.Message);
        Assert.Contains("supertune.temperature", error.Message);
    }

    [Fact]
    public void FolderAsOutputPathIsRejected()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);

        var error = Assert.Throws<SuperTuneException>(() => OnnxExporter.Export(folder.Path, folder.Path));

        Assert.Contains(folder.Path, error.Message);
        Assert.Contains("folder", error.Message);
    }
}
