using SuperTune.Core.Models;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>Self-attention followed by its output block (transformers' BertAttention).</summary>
public sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "self")] private readonly BertSelfAttention selfAttention;
    private readonly BertSelfOutput output;

    public BertAttention(BertConfig config) : base(nameof(BertAttention))
    {
        selfAttention = new BertSelfAttention(config);
        output = new BertSelfOutput(config);
        RegisterComponents();
    }

    /// <summary>Maps (batch, seq, hidden) with an additive mask (batch, 1, 1, seq) to (batch, seq, hidden).</summary>
    public override Tensor forward(Tensor hiddenStates, Tensor additiveMask)
    {
        using var context = selfAttention.forward(hiddenStates, additiveMask);
        return output.forward(context, hiddenStates);
    }
}
