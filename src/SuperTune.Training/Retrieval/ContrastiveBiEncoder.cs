using SuperTune.Modeling.Bert;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Training.Retrieval;

/// <summary>
/// The module trained by <see cref="MultipleNegativesRankingTask"/>: the sentence encoder and the log of the
/// similarity scale. A learnable scale starts at the given value and is trained with the encoder, as CLIP
/// trains its temperature; a fixed scale is a constant.
/// </summary>
public sealed class ContrastiveBiEncoder : nn.Module
{
    private readonly BertForSentenceEmbedding encoder;
    private readonly Parameter logit_scale;

    public ContrastiveBiEncoder(BertForSentenceEmbedding encoder, double scale, bool learnable)
        : base(nameof(ContrastiveBiEncoder))
    {
        this.encoder = encoder;
        logit_scale = nn.Parameter(tensor((float)Math.Log(scale)), requires_grad: learnable);
        RegisterComponents();
    }

    public BertForSentenceEmbedding Encoder => encoder;

    /// <summary>The similarity scale: cosine similarities are multiplied by it before the softmax.</summary>
    public Tensor Scale() => logit_scale.exp();

    /// <summary>The current scale as a number.</summary>
    public double ScaleValue => logit_scale.exp().item<float>();
}
