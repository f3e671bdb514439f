using SuperTune.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>
/// BERT with a linear classification head. Keys match transformers' BertForSequenceClassification
/// (<c>bert.*</c>, <c>classifier.*</c>). Pooling is either the mean of the token states over the attention mask,
/// as sentence-transformers models were trained, or the [CLS] state through the pooler, as BERT was pretrained.
/// </summary>
public sealed class BertForSequenceClassification : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly BertModel bert;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    public BertForSequenceClassification(BertConfig config, string pooling) : base(nameof(BertForSequenceClassification))
    {
        if (config.NumLabels < 1)
        {
            throw new ArgumentException("config.id2label must name at least one label for a classification head.",
                nameof(config));
        }

        if (pooling is not (PoolingNames.Mean or PoolingNames.Cls))
        {
            throw new ArgumentException($"Unknown pooling \"{pooling}\"; use \"mean\" or \"cls\".", nameof(pooling));
        }

        Config = config;
        Pooling = pooling;
        bert = new BertModel(config);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        classifier = nn.Linear(config.HiddenSize, config.NumLabels);
        RegisterComponents();
    }

    /// <summary>The configuration, labels included.</summary>
    public BertConfig Config { get; }

    /// <summary>"mean" or "cls"; see <see cref="PoolingNames"/>.</summary>
    public string Pooling { get; }

    /// <summary>The encoder, for loading pretrained weights into it.</summary>
    public BertModel Bert => bert;

    /// <summary>The linear head, which few-shot training fits alone on frozen sentence embeddings.</summary>
    public Linear Classifier => classifier;

    /// <summary>Maps token ids, attention mask and token types (batch, seq) to logits (batch, labels).</summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var pooled = Embed(inputIds, attentionMask, tokenTypeIds);                 // (batch, hidden)
        var logits = classifier.forward(dropout.forward(pooled));                  // (batch, labels)
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Maps (batch, seq) inputs to the pooled sentence embeddings (batch, hidden) that the head reads.</summary>
    public Tensor Embed(Tensor inputIds, Tensor attentionMask, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var lastHiddenState = bert.forward(inputIds, attentionMask, tokenTypeIds); // (batch, seq, hidden)
        var pooled = Pooling == PoolingNames.Mean
            ? MeanPool(lastHiddenState, attentionMask)
            : bert.Pool(lastHiddenState);                                           // (batch, hidden)
        return pooled.MoveToOuterDisposeScope();
    }

    /// <summary>Averages (batch, seq, hidden) over the positions where the mask (batch, seq) is 1.</summary>
    public static Tensor MeanPool(Tensor lastHiddenState, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var weights = attentionMask.to(lastHiddenState.dtype).unsqueeze(-1);       // (batch, seq, 1)
        var summed = (lastHiddenState * weights).sum(1);                           // (batch, hidden)
        var counts = weights.sum(1).clamp_min(1e-9);                               // (batch, 1)
        return (summed / counts).MoveToOuterDisposeScope();
    }
}
