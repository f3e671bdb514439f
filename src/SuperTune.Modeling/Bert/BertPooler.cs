using SuperTune.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>Dense layer and tanh over the [CLS] state (transformers' BertPooler).</summary>
public sealed class BertPooler : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;

    public BertPooler(BertConfig config) : base(nameof(BertPooler))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    /// <summary>Maps the last hidden states (batch, seq, hidden) to (batch, hidden).</summary>
    public override Tensor forward(Tensor hiddenStates)
    {
        using var clsState = hiddenStates.select(1, 0); // (batch, hidden)
        using var projected = dense.forward(clsState);
        return projected.tanh();
    }
}
