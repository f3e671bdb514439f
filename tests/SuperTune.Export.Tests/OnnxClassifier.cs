using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Export.Tests;

/// <summary>Runs a batch through an exported graph with ONNX Runtime and through the TorchSharp model.</summary>
public static class OnnxClassifier
{
    /// <summary>Returns the logits of <paramref name="session"/>, row-major (batch, labels), and their shape.</summary>
    public static (float[] Logits, int[] Shape) Run(InferenceSession session, TokenBatch batch)
    {
        int[] shape = [batch.Batch, batch.Width];
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor(OnnxModelContract.InputIds, new DenseTensor<long>(batch.InputIds, shape)),
            NamedOnnxValue.CreateFromTensor(OnnxModelContract.AttentionMask,
                new DenseTensor<long>(batch.AttentionMask, shape)),
            NamedOnnxValue.CreateFromTensor(OnnxModelContract.TokenTypeIds,
                new DenseTensor<long>(batch.TokenTypeIds, shape)),
        };
        using var results = session.Run(inputs);
        var logits = results.Single(result => result.Name == OnnxModelContract.Logits).AsTensor<float>();
        return (logits.ToArray(), logits.Dimensions.ToArray());
    }

    /// <summary>
    /// Returns the logits of <paramref name="model"/> in eval mode, row-major: (batch, labels) for a classifier and
    /// (batch, seq, tags) for a tagger.
    /// </summary>
    public static float[] RunTorch(nn.Module<torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor> model,
        TokenBatch batch)
    {
        model.eval();
        using var noGrad = no_grad();
        var (ids, mask, types) = batch.ToTensors();
        using (ids)
        using (mask)
        using (types)
        using (var logits = model.forward(ids, mask, types))
        {
            return logits.data<float>().ToArray();
        }
    }

    /// <summary>Asserts that both arrays have the same length and differ by less than the tolerance.</summary>
    public static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var maxDifference = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(maxDifference < tolerance, $"max |difference| {maxDifference} >= {tolerance}");
    }
}
