using SuperTune.Core.Retrieval;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using static TorchSharp.torch;

namespace SuperTune.Training.Retrieval;

/// <summary>
/// Embeds texts with a <see cref="BertForSentenceEmbedding"/> on libtorch, in length-sorted batches so padding
/// costs little; the result does not depend on the batching. The module's training mode is restored afterwards.
/// </summary>
public sealed class TorchSentenceEmbedder(BertForSentenceEmbedding model, BertWordPieceTokenizer tokenizer,
    int maxLength, string fingerprint, Device? device = null, int batchSize = 64) : ISentenceEmbedder
{
    private readonly Device device = device ?? CPU;

    public int Dimension => model.Config.HiddenSize;

    public string Fingerprint => fingerprint;

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        var examples = texts.Select(t => new EncodedExample(tokenizer.Encode(t, maxLength).InputIds.ToArray(), -1))
            .ToList();
        return Embed(model, examples, tokenizer.PadId, batchSize, device);
    }

    /// <summary>Embeds tokenized texts in input order; each row is unit length.</summary>
    public static float[][] Embed(BertForSentenceEmbedding model, IReadOnlyList<EncodedExample> examples, int padId,
        int batchSize, Device device) => BatchedForward.Rows(model, examples, padId, batchSize, device);
}
