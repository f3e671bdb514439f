using System.Text.Json.Nodes;
using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using static TorchSharp.torch;

namespace SuperTune.Training.Tests;

/// <summary>
/// Loads model folders whose files were cut short or altered, as a crash or a bad copy leaves them, and checks
/// that each load fails with an error that names the file and the problem instead of a library exception.
/// </summary>
public sealed class DamagedModelFolderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-damaged-").FullName;

    public DamagedModelFolderTests()
    {
        var baseFolder = TinyBaseFolder.Create(Path.Combine(folder, "base"));
        var config = BertConfig.Load(Path.Combine(baseFolder, "config.json")).WithLabels(["a", "b"]) with
        {
            SuperTune = new SuperTuneModelSettings { Pooling = PoolingNames.Mean, MaxLength = 32 },
        };
        manual_seed(4);
        using var model = new BertForSequenceClassification(config, PoolingNames.Mean);
        Model = Path.Combine(folder, "model");
        Directory.CreateDirectory(Model);
        SequenceClassifierFolder.Save(model, BertWordPieceTokenizer.FromFolder(baseFolder), Model);
    }

    private string Model { get; }

    private string Weights => Path.Combine(Model, "model.safetensors");

    private string Config => Path.Combine(Model, "config.json");

    [Fact]
    public void IntactFolderLoads()
    {
        var (model, _) = SequenceClassifierFolder.Load(Model);

        using (model) Assert.Equal(2, model.Config.NumLabels);
    }

    [Theory]
    [InlineData(0, "too short for a safetensors header")]
    [InlineData(7, "too short for a safetensors header")]
    [InlineData(40, "header length")]
    [InlineData(-1000, "truncated")]
    public void TruncatedWeightsNameFileAndProblem(int keptBytes, string problem)
    {
        var bytes = File.ReadAllBytes(Weights);
        var length = keptBytes >= 0 ? keptBytes : bytes.Length + keptBytes;
        File.WriteAllBytes(Weights, bytes[..length]);

        var error = Assert.Throws<SuperTuneException>(() => SequenceClassifierFolder.Load(Model));

        Assert.Contains(Weights, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void WeightsOfAnotherShapeNameTensor()
    {
        var config = JsonNode.Parse(File.ReadAllText(Config))!;
        config["intermediate_size"] = 40;
        File.WriteAllText(Config, config.ToJsonString());

        var error = Assert.Throws<SuperTuneException>(() => SequenceClassifierFolder.Load(Model));

        Assert.Contains("intermediate.dense.weight", error.Message);
        Assert.Contains("config.json does not match the weights", error.Message);
    }

    [Fact]
    public void MissingTensorIsNamed()
    {
        var weights = SuperTune.Modeling.Weights.SafetensorsFile.Read(Weights);
        weights.Remove("classifier.weight");
        SuperTune.Modeling.Weights.SafetensorsFile.Write(Weights, weights);

        var error = Assert.Throws<SuperTuneException>(() => SequenceClassifierFolder.Load(Model));

        Assert.Contains("classifier.weight", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public void TruncatedConfigIsNamed(double keptShare)
    {
        var text = File.ReadAllText(Config);
        File.WriteAllText(Config, text[..(int)(text.Length * keptShare)]);

        var error = Assert.Throws<SuperTuneException>(() => SequenceClassifierFolder.Load(Model));

        Assert.Contains(Config, error.Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
