using Microsoft.ML.OnnxRuntime;
using Onnx;
using SuperTune.Modeling.Checkpoints;

namespace SuperTune.Export.Tests;

/// <summary>The exported graph and metadata of a random tiny entity tagger.</summary>
public class TaggerExportTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void TokenLogitsMatchTorchSharp()
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path);
        var path = OnnxExporter.Export(folder.Path);
        var (model, tokenizer) = TokenClassifierFolder.Load(folder.Path);
        using var session = new InferenceSession(path);

        var batch = TokenBatch.FromTexts(tokenizer, TinyTaggerFolder.HardTexts, maxLength: 48);
        float[] expected;
        using (model) expected = OnnxClassifier.RunTorch(model, batch);
        var (actual, shape) = OnnxClassifier.Run(session, batch);

        Assert.Equal([batch.Batch, batch.Width, TinyTaggerFolder.Tags.Length], shape);
        OnnxClassifier.AssertClose(expected, actual, Tolerance);
    }

    [Fact]
    public void RandomPaddedBatchMatchesTorchSharp()
    {
        using var folder = new TemporaryFolder();
        var config = TinyTaggerFolder.Create(folder.Path, seed: 11);
        var path = OnnxExporter.Export(folder.Path);
        var (model, _) = TokenClassifierFolder.Load(folder.Path);
        using var session = new InferenceSession(path);

        var batch = TokenBatch.Random(batch: 5, width: 40, config.VocabSize, seed: 3);
        float[] expected;
        using (model) expected = OnnxClassifier.RunTorch(model, batch);

        OnnxClassifier.AssertClose(expected, OnnxClassifier.Run(session, batch).Logits, Tolerance);
    }

    [Fact]
    public void OutputHasSequenceAxis()
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path);

        var graph = Read(OnnxExporter.Export(folder.Path)).Graph;

        var logits = Assert.Single(graph.Output);
        Assert.Equal("logits", logits.Name);
        var dims = logits.Type.TensorType.Shape.Dim;
        Assert.Equal(["batch", "sequence"], dims.Take(2).Select(dim => dim.DimParam));
        Assert.Equal(TinyTaggerFolder.Tags.Length, dims[2].DimValue);
        Assert.DoesNotContain(graph.Initializer, tensor => tensor.Name.StartsWith("bert.pooler.", StringComparison.Ordinal));
    }

    [Fact]
    public void MetadataMarksTaggerWithBioTags()
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path, maxLength: 40);

        var metadata = Metadata(OnnxExporter.Export(folder.Path));

        Assert.Equal("entities", metadata[OnnxModelContract.TaskKey]);
        Assert.Equal("""["O","B-city","I-city","B-person","I-person"]""", metadata[OnnxModelContract.LabelsKey]);
        Assert.Equal("""{"0":"O","1":"B-city","2":"I-city","3":"B-person","4":"I-person"}""",
            metadata[OnnxModelContract.Id2LabelKey]);
        Assert.Equal("40", metadata[OnnxModelContract.MaxLengthKey]);
        Assert.Equal("tiny-test", metadata[OnnxModelContract.BaseModelKey]);
        Assert.False(metadata.ContainsKey(OnnxModelContract.PoolingKey));
    }

    [Fact]
    public void FolderWithoutSettingsExportsAsTagger()
    {
        using var folder = new TemporaryFolder();
        TinyTaggerFolder.Create(folder.Path, withSettings: false);

        var metadata = Metadata(OnnxExporter.Export(folder.Path));

        Assert.Equal("entities", metadata[OnnxModelContract.TaskKey]);
        Assert.Equal("64", metadata[OnnxModelContract.MaxLengthKey]);
        Assert.Equal("", metadata[OnnxModelContract.BaseModelKey]);
    }

    private static ModelProto Read(string path) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));

    private static Dictionary<string, string> Metadata(string path) =>
        Read(path).MetadataProps.ToDictionary(entry => entry.Key, entry => entry.Value);
}
