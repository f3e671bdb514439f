using SuperTune.Core.Calibration;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using static TorchSharp.torch;

namespace SuperTune.Training;

/// <summary>Runs a classification model without gradients over tokenized examples.</summary>
public static class ClassifierInference
{
    /// <summary>Returns softmax(logits / <paramref name="temperature"/>) per example (examples x labels).</summary>
    public static float[][] PredictProbabilities(BertForSequenceClassification model,
        IReadOnlyList<EncodedExample> examples, int padId, int batchSize, Device device, double temperature = 1.0) =>
        PredictLogits(model, examples, padId, batchSize, device)
            .Select(logits => TemperatureScaling.Softmax(logits, temperature))
            .ToArray();

    /// <summary>
    /// Returns the logits (examples x labels) in input order. Batches are formed from examples of similar length,
    /// so padding costs little. The result does not depend on the batching.
    /// </summary>
    public static float[][] PredictLogits(BertForSequenceClassification model,
        IReadOnlyList<EncodedExample> examples, int padId, int batchSize, Device device)
    {
        var wasTraining = model.training;
        model.eval();
        var result = new float[examples.Count][];
        try
        {
            using var noGrad = no_grad();
            var lengths = examples.Select(e => e.InputIds.Length).ToList();
            foreach (var indices in LengthGroupedBatchSampler.SortedBatches(lengths, batchSize))
            {
                using var scope = NewDisposeScope();
                using var batch = TensorBatch.Collate(examples, indices, padId, device);
                var logits = model.forward(batch.InputIds, batch.AttentionMask, batch.TokenTypeIds); // (batch, labels)
                var rows = logits.cpu().data<float>().ToArray();
                var labelCount = (int)logits.shape[1];
                for (var row = 0; row < indices.Length; row++)
                {
                    result[indices[row]] = rows.AsSpan(row * labelCount, labelCount).ToArray();
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
