using SuperTune.Core.Models;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>
/// The BERT encoder with Hugging Face's parameter keys (<c>embeddings.*</c>, <c>encoder.layer.N.*</c>,
/// <c>pooler.*</c>), ported from transformers' BertModel.
/// </summary>
public sealed class BertModel : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
    private readonly BertPooler pooler;

    public BertModel(BertConfig config) : base(nameof(BertModel))
    {
        Config = config;
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        pooler = new BertPooler(config);
        RegisterComponents();
    }

    /// <summary>The configuration the encoder was built from.</summary>
    public BertConfig Config { get; }

    /// <summary>
    /// Encodes token ids (batch, seq) with an attention mask (batch, seq; 1 for tokens, 0 for padding) and token
    /// types (batch, seq) into the last hidden states (batch, seq, hidden).
    /// </summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var hiddenStates = embeddings.forward(inputIds, tokenTypeIds); // (batch, seq, hidden)

        // (batch, seq) -> (batch, 1, 1, seq): 0 where attended, the dtype's minimum where padded.
        var additiveMask = (1.0f - attentionMask.to(hiddenStates.dtype)).mul(finfo(hiddenStates.dtype).min)
            .view(attentionMask.shape[0], 1, 1, attentionMask.shape[1]);

        return encoder.forward(hiddenStates, additiveMask).MoveToOuterDisposeScope();
    }

    /// <summary>Applies the pooler (dense + tanh over [CLS]) to last hidden states (batch, seq, hidden).</summary>
    public Tensor Pool(Tensor lastHiddenState) => pooler.forward(lastHiddenState);
}
