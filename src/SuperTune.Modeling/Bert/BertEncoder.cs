using SuperTune.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>The stack of transformer blocks (transformers' BertEncoder); keys read <c>layer.N.*</c>.</summary>
public sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<BertLayer> layer;

    public BertEncoder(BertConfig config) : base(nameof(BertEncoder))
    {
        layer = new ModuleList<BertLayer>();
        for (var i = 0; i < config.NumHiddenLayers; i++) layer.Add(new BertLayer(config));
        RegisterComponents();
    }

    /// <summary>Maps (batch, seq, hidden) with an additive mask (batch, 1, 1, seq) to (batch, seq, hidden).</summary>
    public override Tensor forward(Tensor hiddenStates, Tensor additiveMask)
    {
        var current = hiddenStates.alias();
        foreach (var block in layer)
        {
            var next = block.forward(current, additiveMask);
            current.Dispose();
            current = next;
        }

        return current;
    }
}
