using SuperTune.Core.Models;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>
/// BERT as a sentence encoder, as sentence-transformers builds all-MiniLM-L6-v2: token states averaged over the
/// attention mask, then L2-normalised, so the dot product of two embeddings is their cosine similarity.
/// Parameter keys are those of the encoder alone (<c>embeddings.*</c>, <c>encoder.*</c>, <c>pooler.*</c>), the
/// layout of a Hugging Face BertModel checkpoint.
/// </summary>
public sealed class BertForSentenceEmbedding : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly BertModel bert;

    public BertForSentenceEmbedding(BertConfig config) : base(nameof(BertForSentenceEmbedding))
    {
        Config = config;
        bert = new BertModel(config);
        RegisterComponents();
    }

    public BertConfig Config { get; }

    /// <summary>The encoder, whose state dict is what a model folder stores.</summary>
    public BertModel Bert => bert;

    /// <summary>Maps token ids, attention mask and token types (batch, seq) to unit-length embeddings (batch, hidden).</summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var lastHiddenState = bert.forward(inputIds, attentionMask, tokenTypeIds);                   // (batch, seq, hidden)
        var pooled = BertForSequenceClassification.MeanPool(lastHiddenState, attentionMask);          // (batch, hidden)
        return nn.functional.normalize(pooled, p: 2, dim: 1, eps: 1e-12).MoveToOuterDisposeScope(); // (batch, hidden)
    }
}
