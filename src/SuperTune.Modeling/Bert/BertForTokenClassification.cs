using SuperTune.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>
/// BERT with a linear head on every token state, as transformers' BertForTokenClassification: keys
/// <c>bert.*</c> and <c>classifier.*</c>, dropout before the head. The pooler is kept so the encoder keys match
/// the base checkpoint, but it takes no part in the forward pass.
/// </summary>
public sealed class BertForTokenClassification : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly BertModel bert;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    public BertForTokenClassification(BertConfig config) : base(nameof(BertForTokenClassification))
    {
        if (config.NumLabels < 1)
        {
            throw new ArgumentException("config.id2label must name at least one tag for a token classification head.",
                nameof(config));
        }

        Config = config;
        bert = new BertModel(config);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        classifier = nn.Linear(config.HiddenSize, config.NumLabels);
        RegisterComponents();
    }

    /// <summary>The configuration, BIO tags included.</summary>
    public BertConfig Config { get; }

    /// <summary>The encoder, for loading pretrained weights into it.</summary>
    public BertModel Bert => bert;

    /// <summary>Maps token ids, attention mask and token types (batch, seq) to logits (batch, seq, tags).</summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var lastHiddenState = bert.forward(inputIds, attentionMask, tokenTypeIds); // (batch, seq, hidden)
        var logits = classifier.forward(dropout.forward(lastHiddenState));          // (batch, seq, tags)
        return logits.MoveToOuterDisposeScope();
    }
}
