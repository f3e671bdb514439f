using SuperTune.Core.Models;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>
/// Multi-head scaled dot-product self-attention (transformers' BertSelfAttention with the "sdpa" kernel).
/// </summary>
public sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly int numHeads;
    private readonly int headSize;
    private readonly double attentionDropout;

    public BertSelfAttention(BertConfig config) : base(nameof(BertSelfAttention))
    {
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        numHeads = config.NumAttentionHeads;
        headSize = config.HeadSize;
        attentionDropout = config.AttentionProbsDropoutProb;
        RegisterComponents();
    }

    /// <summary>
    /// Attends over (batch, seq, hidden) and returns the context (batch, seq, hidden). The additive mask
    /// (batch, 1, 1, seq) is 0 for real tokens and a large negative value for padding.
    /// </summary>
    public override Tensor forward(Tensor hiddenStates, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var batch = hiddenStates.shape[0];
        var seqLength = hiddenStates.shape[1];

        // (batch, seq, hidden) -> (batch, heads, seq, headDim)
        var queryStates = SplitHeads(query.forward(hiddenStates), batch, seqLength);
        var keyStates = SplitHeads(key.forward(hiddenStates), batch, seqLength);
        var valueStates = SplitHeads(value.forward(hiddenStates), batch, seqLength);

        // softmax(q k^T / sqrt(headDim) + mask) v, fused by libtorch; dropout on the probabilities while training.
        var context = nn.functional.scaled_dot_product_attention(
            queryStates, keyStates, valueStates, additiveMask, p: training ? attentionDropout : 0.0);

        // (batch, heads, seq, headDim) -> (batch, seq, hidden)
        var merged = context.transpose(1, 2).reshape(batch, seqLength, numHeads * headSize);
        return merged.MoveToOuterDisposeScope();
    }

    private Tensor SplitHeads(Tensor states, long batch, long seqLength) =>
        states.view(batch, seqLength, numHeads, headSize).transpose(1, 2);
}
