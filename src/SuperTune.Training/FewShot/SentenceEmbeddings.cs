using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using static TorchSharp.torch;

namespace SuperTune.Training.FewShot;

/// <summary>Computes pooled sentence embeddings without gradients, in eval mode.</summary>
public static class SentenceEmbeddings
{
    /// <summary>Returns one embedding (hidden floats) per example, in input order.</summary>
    public static float[][] Compute(BertForSequenceClassification model, IReadOnlyList<EncodedExample> examples,
        int padId, int batchSize, Device device) =>
        BatchedForward.Rows(model, model.Embed, examples, padId, batchSize, device);

    /// <summary>
    /// Returns the share of <paramref name="queries"/> whose nearest label centroid of <paramref name="references"/>
    /// by cosine similarity is their own label: a score of the embedding space that needs no trained head.
    /// </summary>
    public static double CentroidAccuracy(float[][] references, IReadOnlyList<int> referenceLabels,
        float[][] queries, IReadOnlyList<int> queryLabels, int labelCount)
    {
        var hidden = references[0].Length;
        var centroids = new double[labelCount, hidden];
        foreach (var (embedding, label) in references.Zip(referenceLabels))
        {
            var norm = Norm(embedding);
            for (var d = 0; d < hidden; d++) centroids[label, d] += embedding[d] / norm;
        }

        var correct = 0;
        var counted = 0;
        for (var q = 0; q < queries.Length; q++)
        {
            if (queryLabels[q] < 0) continue;
            counted++;
            var best = -1;
            var bestSimilarity = double.NegativeInfinity;
            for (var label = 0; label < labelCount; label++)
            {
                double dot = 0, centroidNorm = 0;
                for (var d = 0; d < hidden; d++)
                {
                    dot += centroids[label, d] * queries[q][d];
                    centroidNorm += centroids[label, d] * centroids[label, d];
                }

                var similarity = centroidNorm == 0 ? double.NegativeInfinity : dot / Math.Sqrt(centroidNorm);
                if (similarity > bestSimilarity) (best, bestSimilarity) = (label, similarity);
            }

            if (best == queryLabels[q]) correct++;
        }

        return counted == 0 ? 0 : correct / (double)counted;
    }

    private static double Norm(float[] vector) => Math.Max(Math.Sqrt(vector.Sum(v => (double)v * v)), 1e-12);
}
