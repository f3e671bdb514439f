using SuperTune.Core.Entities;
using SuperTune.Modeling.Bert;
using static TorchSharp.torch;

namespace SuperTune.Training.Entities;

/// <summary>Predicts the tags of gold examples and scores them, for validation and for test sets.</summary>
public static class EntityScoring
{
    /// <summary>
    /// Predicts every example, then returns the span evaluation and the mean cross-entropy of the gold tags at
    /// the first piece of each word (words with a tag the model lacks, or dropped by truncation, are skipped).
    /// </summary>
    public static (EntityEvaluation Evaluation, double Loss) Evaluate(BertForTokenClassification model,
        IReadOnlyList<TaggedExample> examples, IReadOnlyList<TaggedEncoding> encodings, int padId, int batchSize,
        Device device)
    {
        IReadOnlyList<string> tags = model.Config.LabelsInOrder();
        IReadOnlyDictionary<string, int> tagIds = model.Config.Label2Id!;
        float[]?[][] probabilities = TokenClassifierInference.PredictWordProbabilities(model, encodings, padId,
            batchSize, device);

        var predictions = new EntityPrediction[examples.Count];
        double lossSum = 0;
        int lossCount = 0;
        for (int i = 0; i < examples.Count; i++)
        {
            TaggedExample example = examples[i];
            (string[] predictedTags, _) = EntityDecoder.Decode(example.Text, example.Words, probabilities[i], tags);
            predictions[i] = new EntityPrediction(example, predictedTags, BioTags.ToSpans(example.Words, predictedTags));

            IReadOnlyList<string> goldTags = example.Tags;
            for (int word = 0; word < goldTags.Count; word++)
            {
                if (probabilities[i][word] is { } wordProbabilities && tagIds.TryGetValue(goldTags[word], out int gold))
                {
                    lossSum -= Math.Log(Math.Max(wordProbabilities[gold], 1e-12));
                    lossCount++;
                }
            }
        }

        return (EntityEvaluation.Compute(predictions), lossCount == 0 ? 0 : lossSum / lossCount);
    }
}
