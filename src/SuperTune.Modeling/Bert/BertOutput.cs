using SuperTune.Core.Models;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>Second feed-forward projection, dropout, residual and LayerNorm (transformers' BertOutput).</summary>
public sealed class BertOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    [ComponentName(Name = "LayerNorm")] private readonly LayerNorm layerNorm;
    private readonly Dropout dropout;

    public BertOutput(BertConfig config) : base(nameof(BertOutput))
    {
        dense = nn.Linear(config.IntermediateSize, config.HiddenSize);
        layerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <summary>Maps (batch, seq, intermediate) and the residual (batch, seq, hidden) to (batch, seq, hidden).</summary>
    public override Tensor forward(Tensor intermediateStates, Tensor inputStates)
    {
        using var scope = NewDisposeScope();
        var projected = dropout.forward(dense.forward(intermediateStates));
        return layerNorm.forward(projected + inputStates).MoveToOuterDisposeScope();
    }
}
