using SuperTune.Core.Models;
using SuperTune.Modeling.Bert;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Tests.Bert;

public class BertModelTests
{
    [Fact]
    public void ParameterKeysMatchHuggingFace()
    {
        using var model = new BertForSequenceClassification(TinyBert.Config(), PoolingNames.Mean);

        var keys = model.state_dict().Keys.ToHashSet();

        Assert.Contains("bert.embeddings.word_embeddings.weight", keys);
        Assert.Contains("bert.embeddings.LayerNorm.weight", keys);
        Assert.Contains("bert.encoder.layer.1.attention.self.query.weight", keys);
        Assert.Contains("bert.encoder.layer.1.attention.output.dense.bias", keys);
        Assert.Contains("bert.encoder.layer.0.attention.output.LayerNorm.bias", keys);
        Assert.Contains("bert.encoder.layer.0.intermediate.dense.weight", keys);
        Assert.Contains("bert.encoder.layer.0.output.LayerNorm.weight", keys);
        Assert.Contains("bert.pooler.dense.weight", keys);
        Assert.Contains("classifier.weight", keys);
        Assert.Equal(5 + 2 * 16 + 2 + 2, keys.Count);
    }

    [Fact]
    public void PaddingDoesNotChangeLogits()
    {
        manual_seed(1);
        using var model = new BertForSequenceClassification(TinyBert.Config(), PoolingNames.Mean);
        model.eval();
        using var alone = tensor(new long[] { 2, 10, 11, 12, 3 }, [1, 5]);
        using var padded = tensor(new long[] { 2, 10, 11, 12, 3, 0, 0, 2, 20, 3, 0, 0, 0, 0 }, [2, 7]);
        using var aloneMask = ones([1, 5], int64);
        using var paddedMask = tensor(new long[] { 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0 }, [2, 7]);

        using var aloneLogits = model.forward(alone, aloneMask, zeros([1, 5], int64));
        using var batchLogits = model.forward(padded, paddedMask, zeros([2, 7], int64));

        var difference = (aloneLogits[0] - batchLogits[0]).abs().max().item<float>();
        Assert.True(difference < 1e-5f, $"max difference {difference}");
    }

    [Theory]
    [InlineData(PoolingNames.Mean)]
    [InlineData(PoolingNames.Cls)]
    public void LogitsHaveOneColumnPerLabel(string pooling)
    {
        using var model = new BertForSequenceClassification(TinyBert.Config(labels: 4), pooling);
        using var ids = randint(5, 99, [3, 6]);

        using var logits = model.forward(ids, ones([3, 6], int64), zeros([3, 6], int64));

        Assert.Equal(new long[] { 3, 4 }, logits.shape);
    }

    [Fact]
    public void MeanPoolIgnoresPaddedPositions()
    {
        using var states = tensor(new float[] { 1, 2, 3, 4, 100, 100 }, [1, 3, 2]);
        using var mask = tensor(new long[] { 1, 1, 0 }, [1, 3]);

        using var pooled = BertForSequenceClassification.MeanPool(states, mask);

        Assert.Equal(new[] { 2f, 3f }, pooled.data<float>().ToArray());
    }
}
