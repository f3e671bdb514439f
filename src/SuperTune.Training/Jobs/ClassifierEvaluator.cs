using SuperTune.Core.Data;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using static TorchSharp.torch;

namespace SuperTune.Training.Jobs;

/// <summary>Predicts a labelled dataset with a classifier and scores the predictions.</summary>
public static class ClassifierEvaluator
{
    /// <summary>
    /// Predicts every example and compares with its gold label. Gold labels the model does not know are scored as
    /// errors, not rejected.
    /// </summary>
    public static (ClassificationEvaluation Evaluation, int Truncated) Evaluate(BertForSequenceClassification model,
        BertWordPieceTokenizer tokenizer, IReadOnlyList<TextExample> examples, int maxLength, int batchSize,
        Device device, double temperature)
    {
        var (probabilities, truncated) = Predict(model, tokenizer, examples, maxLength, batchSize, device, temperature);
        return (Score(model.Config.LabelsInOrder(), examples, probabilities), truncated);
    }

    /// <summary>
    /// Returns softmax(logits / <paramref name="temperature"/>) per example, in input order, and the number of
    /// texts cut at <paramref name="maxLength"/>.
    /// </summary>
    public static (float[][] Probabilities, int Truncated) Predict(BertForSequenceClassification model,
        BertWordPieceTokenizer tokenizer, IReadOnlyList<TextExample> examples, int maxLength, int batchSize,
        Device device, double temperature)
    {
        var labels = model.Config.LabelsInOrder();
        var labelIds = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i);
        var (encoded, truncated) = TextEncoding.Encode(tokenizer, examples, labelIds, maxLength);
        var probabilities = ClassifierInference.PredictProbabilities(model, encoded, tokenizer.PadId, batchSize, device,
            temperature);
        return (probabilities, truncated);
    }

    /// <summary>Scores probabilities from <see cref="Predict"/> against the gold labels of the examples.</summary>
    public static ClassificationEvaluation Score(IReadOnlyList<string> labels, IReadOnlyList<TextExample> examples,
        IReadOnlyList<float[]> probabilities)
    {
        var predictions = new List<ClassificationPrediction>(examples.Count);
        for (var i = 0; i < examples.Count; i++)
        {
            var ranked = probabilities[i].Select((p, id) => (Label: labels[id], Score: p))
                .OrderByDescending(p => p.Score).Take(3).ToList();
            predictions.Add(new ClassificationPrediction(examples[i].Text, examples[i].Label ?? "", ranked[0].Label,
                ranked[0].Score, examples[i].Line) { TopLabels = ranked });
        }

        return ClassificationEvaluation.Compute(labels, predictions);
    }
}
