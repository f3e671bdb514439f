using SuperTune.Core.Models;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>Projection of the attention context, dropout, residual and LayerNorm (transformers' BertSelfOutput).</summary>
public sealed class BertSelfOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    [ComponentName(Name = "LayerNorm")] private readonly LayerNorm layerNorm;
    private readonly Dropout dropout;

    public BertSelfOutput(BertConfig config) : base(nameof(BertSelfOutput))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        layerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <summary>Maps the context (batch, seq, hidden) and the layer input (batch, seq, hidden) to (batch, seq, hidden).</summary>
    public override Tensor forward(Tensor context, Tensor inputStates)
    {
        using var scope = NewDisposeScope();
        var projected = dropout.forward(dense.forward(context));
        return layerNorm.forward(projected + inputStates).MoveToOuterDisposeScope();
    }
}
