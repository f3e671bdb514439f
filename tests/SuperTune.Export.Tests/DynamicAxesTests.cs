using Microsoft.ML.OnnxRuntime;
using SuperTune.Core.Models;
using SuperTune.Modeling.Checkpoints;

namespace SuperTune.Export.Tests;

/// <summary>One exported graph serves any batch size and any sequence length up to the position limit.</summary>
public class DynamicAxesTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(1, 40)]
    [InlineData(8, 5)]
    [InlineData(8, 40)]
    public void GraphAcceptsBatchAndSequenceSizes(int batchSize, int sequenceLength)
    {
        using var folder = new TemporaryFolder();
        var config = TinyClassifierFolder.Create(folder.Path, PoolingNames.Cls);
        var (model, _) = SequenceClassifierFolder.Load(folder.Path);
        using var session = new InferenceSession(OnnxExporter.Export(folder.Path));
        var seed = batchSize * 100 + sequenceLength;
        var batch = TokenBatch.Random(batchSize, sequenceLength, config.VocabSize, seed);

        var (actual, shape) = OnnxClassifier.Run(session, batch);
        var expected = OnnxClassifier.RunTorch(model, batch);
        model.Dispose();

        Assert.Equal([batchSize, config.NumLabels], shape);
        OnnxClassifier.AssertClose(expected, actual, 1e-4f);
    }
}
