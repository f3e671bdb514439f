using SuperTune.Core.Entities;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using static TorchSharp.torch;

namespace SuperTune.Training.Entities;

/// <summary>Runs a token classifier without gradients and reads out the tag probabilities of each word.</summary>
public static class TokenClassifierInference
{
    /// <summary>
    /// Returns, per encoding and per word, the softmax of the logits at the word's first piece, or null for a
    /// word that truncation dropped. Batches group encodings of similar length; the result does not depend on it.
    /// </summary>
    public static float[]?[][] PredictWordProbabilities(BertForTokenClassification model,
        IReadOnlyList<TaggedEncoding> encodings, int padId, int batchSize, Device device)
    {
        bool wasTraining = model.training;
        model.eval();
        var result = new float[]?[encodings.Count][];
        try
        {
            using var noGrad = no_grad();
            var lengths = encodings.Select(e => e.InputIds.Length).ToList();
            foreach (int[] indices in LengthGroupedBatchSampler.SortedBatches(lengths, batchSize))
            {
                using var scope = NewDisposeScope();
                using var batch = TaggedBatch.Collate(encodings, indices, padId, device);
                var logits = model.forward(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds); // (batch, seq, tags)
                int width = (int)logits.shape[1];
                int tagCount = (int)logits.shape[2];
                float[] values = logits.cpu().data<float>().ToArray();
                for (int row = 0; row < indices.Length; row++)
                {
                    result[indices[row]] = TaggerInput.WordProbabilities(
                        values.AsSpan(row * width * tagCount, width * tagCount), tagCount,
                        encodings[indices[row]].FirstPieces);
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return result;
    }
}
