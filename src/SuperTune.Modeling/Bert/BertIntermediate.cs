using SuperTune.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>First feed-forward projection and its activation (transformers' BertIntermediate).</summary>
public sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly string activation;

    public BertIntermediate(BertConfig config) : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(config.HiddenSize, config.IntermediateSize);
        activation = config.HiddenAct;
        RegisterComponents();
    }

    /// <summary>Maps (batch, seq, hidden) to (batch, seq, intermediate).</summary>
    public override Tensor forward(Tensor hiddenStates)
    {
        using var projected = dense.forward(hiddenStates);
        return activation switch
        {
            // BERT's "gelu" is the exact erf form; "gelu_new" is the tanh approximation.
            "gelu_new" => nn.functional.gelu(projected, GELU.Approximate.tanh),
            "relu" => nn.functional.relu(projected),
            _ => nn.functional.gelu(projected),
        };
    }
}
