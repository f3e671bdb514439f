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
        => BatchedForward.Rows(model, examples, padId, batchSize, device);
}
