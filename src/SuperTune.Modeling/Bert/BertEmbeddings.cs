using SuperTune.Core.Models;
using TorchSharp.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Bert;

/// <summary>Word, position and token-type embeddings, summed and normalised (transformers' BertEmbeddings).</summary>
public sealed class BertEmbeddings : nn.Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "word_embeddings")] private readonly Embedding wordEmbeddings;
    [ComponentName(Name = "position_embeddings")] private readonly Embedding positionEmbeddings;
    [ComponentName(Name = "token_type_embeddings")] private readonly Embedding tokenTypeEmbeddings;
    [ComponentName(Name = "LayerNorm")] private readonly LayerNorm layerNorm;
    private readonly Dropout dropout;

    public BertEmbeddings(BertConfig config) : base(nameof(BertEmbeddings))
    {
        wordEmbeddings = nn.Embedding(config.VocabSize, config.HiddenSize, padding_idx: config.PadTokenId);
        positionEmbeddings = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize);
        tokenTypeEmbeddings = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        layerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <summary>Embeds token ids (batch, seq) and token types (batch, seq) into (batch, seq, hidden).</summary>
    public override Tensor forward(Tensor inputIds, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var seqLength = inputIds.shape[1];
        var positionIds = arange(seqLength, dtype: int64, device: inputIds.device).unsqueeze(0); // (1, seq)

        var embeddings = wordEmbeddings.forward(inputIds)       // (batch, seq, hidden)
            + tokenTypeEmbeddings.forward(tokenTypeIds)
            + positionEmbeddings.forward(positionIds);           // (1, seq, hidden) broadcast over batch
        embeddings = dropout.forward(layerNorm.forward(embeddings));
        return embeddings.MoveToOuterDisposeScope();
    }
}
