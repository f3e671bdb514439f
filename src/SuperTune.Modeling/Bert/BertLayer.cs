using SuperTune.Core.Models;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>One transformer block: attention, then the feed-forward network (transformers' BertLayer).</summary>
public sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertOutput output;

    public BertLayer(BertConfig config) : base(nameof(BertLayer))
    {
        attention = new BertAttention(config);
        intermediate = new BertIntermediate(config);
        output = new BertOutput(config);
        RegisterComponents();
    }

    /// <summary>Maps (batch, seq, hidden) with an additive mask (batch, 1, 1, seq) to (batch, seq, hidden).</summary>
    public override Tensor forward(Tensor hiddenStates, Tensor additiveMask)
    {
        using var attended = attention.forward(hiddenStates, additiveMask);
        using var expanded = intermediate.forward(attended); // (batch, seq, intermediate)
        return output.forward(expanded, attended);
    }
}
