using Microsoft.ML.OnnxRuntime;
using SuperTune.Core.Models;
using SuperTune.Modeling.Checkpoints;

namespace SuperTune.Export.Tests;

/// <summary>The exported graph of a random tiny BERT against the TorchSharp model it was written from.</summary>
public class TinyModelParityTests
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(PoolingNames.Mean)]
    [InlineData(PoolingNames.Cls)]
    public void SingleTextMatchesTorchSharp(string pooling)
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, pooling);

        var (expected, actual) = RunBoth(folder.Path, [TinyClassifierFolder.Texts[2]]);

        OnnxClassifier.AssertClose(expected, actual, Tolerance);
    }

    [Theory]
    [InlineData(PoolingNames.Mean)]
    [InlineData(PoolingNames.Cls)]
    public void PaddedBatchMatchesTorchSharp(string pooling)
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, pooling);

        var (expected, actual) = RunBoth(folder.Path, TinyClassifierFolder.Texts);

        Assert.Equal(5 * 3, actual.Length);
        OnnxClassifier.AssertClose(expected, actual, Tolerance);
    }

    [Theory]
    [InlineData("gelu_new")]
    [InlineData("relu")]
    public void OtherActivationsMatchTorchSharp(string hiddenAct)
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean, hiddenAct);

        var (expected, actual) = RunBoth(folder.Path, TinyClassifierFolder.Texts);

        OnnxClassifier.AssertClose(expected, actual, Tolerance);
    }

    [Fact]
    public void PaddedRowMatchesRowAlone()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        var (_, tokenizer) = SequenceClassifierFolder.Load(folder.Path);
        using var session = new InferenceSession(OnnxExporter.Export(folder.Path));

        var (alone, _) = OnnxClassifier.Run(session, TokenBatch.FromTexts(tokenizer, [TinyClassifierFolder.Texts[1]]));
        var (batch, _) = OnnxClassifier.Run(session, TokenBatch.FromTexts(tokenizer, TinyClassifierFolder.Texts));

        OnnxClassifier.AssertClose(alone, batch[3..6], 1e-5f);
    }

    private static (float[] Expected, float[] Actual) RunBoth(string folder, IReadOnlyList<string> texts)
    {
        var path = OnnxExporter.Export(folder);
        var (model, tokenizer) = SequenceClassifierFolder.Load(folder);
        using (model)
        using (var session = new InferenceSession(path))
        {
            var batch = TokenBatch.FromTexts(tokenizer, texts);
            return (OnnxClassifier.RunTorch(model, batch), OnnxClassifier.Run(session, batch).Logits);
        }
    }
}
