namespace SuperTune.Core.Evaluation;

/// <summary>
/// Accuracy, precision, recall, F1 and the confusion matrix of a single-label classifier on one data set.
/// Averages follow scikit-learn's <c>precision_recall_fscore_support</c>: they run over the labels that
/// occur as gold or predicted labels, and a ratio with a zero denominator counts as 0.
/// </summary>
public sealed class ClassificationEvaluation
{
    private ClassificationEvaluation(
        IReadOnlyList<ClassificationPrediction> predictions,
        ConfusionMatrix confusion,
        IReadOnlyList<(string Label, int Count)> unseenGoldLabels)
    {
        Count = predictions.Count;
        Confusion = confusion;
        UnseenGoldLabels = unseenGoldLabels;
        Errors = predictions.Where(p => !string.Equals(p.Gold, p.Predicted, StringComparison.Ordinal)).ToList();
        Accuracy = (double)(Count - Errors.Count) / Count;

        PerClass = ComputePerClass(confusion);
        Macro = AverageMacro(PerClass);
        Weighted = AverageWeighted(PerClass);
        Micro = AverageMicro(confusion);
    }

    /// <summary>Number of evaluated examples.</summary>
    public int Count { get; }

    /// <summary>Share of examples whose predicted label equals the gold label.</summary>
    public double Accuracy { get; }

    /// <summary>Unweighted mean of the per-class scores.</summary>
    public PrecisionRecallF1 Macro { get; }

    /// <summary>Scores from the true positive, false positive and false negative counts summed over labels.
    /// For single-label data all three equal <see cref="Accuracy"/>.</summary>
    public PrecisionRecallF1 Micro { get; }

    /// <summary>Mean of the per-class scores weighted by each label's support.</summary>
    public PrecisionRecallF1 Weighted { get; }

    /// <summary>
    /// Scores of every label that occurs as a gold or predicted label, in <see cref="ConfusionMatrix.Labels"/>
    /// order. Model labels absent from both are left out, as scikit-learn leaves them out of its averages.
    /// </summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>Counts over the model's labels followed by <see cref="UnseenGoldLabels"/>.</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>
    /// Gold labels that are not among the model's labels, in ordinal order, with their number of examples.
    /// The model cannot predict them, so every such example is an error.
    /// </summary>
    public IReadOnlyList<(string Label, int Count)> UnseenGoldLabels { get; }

    /// <summary>Misclassified predictions in input order.</summary>
    public IReadOnlyList<ClassificationPrediction> Errors { get; }

    /// <summary>
    /// Scores <paramref name="predictions"/> of a model whose output labels are <paramref name="modelLabels"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="predictions"/> is empty, <paramref name="modelLabels"/> repeats a label, or a predicted label
    /// is not one of <paramref name="modelLabels"/>.
    /// </exception>
    public static ClassificationEvaluation Compute(
        IReadOnlyList<string> modelLabels,
        IReadOnlyList<ClassificationPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(modelLabels);
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0)
        {
            throw new ArgumentException("Cannot evaluate an empty list of predictions.", nameof(predictions));
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in modelLabels)
        {
            if (!known.Add(label))
            {
                throw new ArgumentException($"Model label '{label}' occurs more than once.", nameof(modelLabels));
            }
        }

        // Gold labels the model has no output for get their own rows so that their examples count as errors.
        var unseen = predictions
            .Where(p => !known.Contains(p.Gold))
            .GroupBy(p => p.Gold, StringComparer.Ordinal)
            .Select(group => (Label: group.Key, Count: group.Count()))
            .OrderBy(entry => entry.Label, StringComparer.Ordinal)
            .ToList();
        var confusion = new ConfusionMatrix([.. modelLabels, .. unseen.Select(entry => entry.Label)]);

        foreach (var prediction in predictions)
        {
            var column = confusion.IndexOf(prediction.Predicted);
            if (column < 0 || column >= modelLabels.Count)
            {
                throw new ArgumentException(
                    $"Line {prediction.Line}: predicted label '{prediction.Predicted}' is not one of the model's " +
                    $"{modelLabels.Count} labels. Pass the label list of the model that made the predictions.",
                    nameof(predictions));
            }

            confusion.Add(confusion.IndexOf(prediction.Gold), column);
        }

        return new ClassificationEvaluation(predictions, confusion, unseen);
    }

    /// <summary>
    /// Returns the scalar metrics in a fixed order under the keys <c>accuracy</c>, <c>macro_precision</c>,
    /// <c>macro_recall</c>, <c>macro_f1</c>, <c>micro_*</c>, <c>weighted_*</c> (doubles) and <c>examples</c> (int).
    /// </summary>
    public OrderedDictionary<string, object> ToDictionary() => new()
    {
        ["accuracy"] = Accuracy,
        ["macro_precision"] = Macro.Precision,
        ["macro_recall"] = Macro.Recall,
        ["macro_f1"] = Macro.F1,
        ["micro_precision"] = Micro.Precision,
        ["micro_recall"] = Micro.Recall,
        ["micro_f1"] = Micro.F1,
        ["weighted_precision"] = Weighted.Precision,
        ["weighted_recall"] = Weighted.Recall,
        ["weighted_f1"] = Weighted.F1,
        ["examples"] = Count,
    };

    private static List<ClassMetrics> ComputePerClass(ConfusionMatrix confusion)
    {
        var metrics = new List<ClassMetrics>();
        for (var i = 0; i < confusion.Labels.Count; i++)
        {
            var truePositives = confusion[i, i];
            var support = confusion.RowTotal(i);
            var predicted = confusion.ColumnTotal(i);
            if (support == 0 && predicted == 0)
            {
                continue;
            }

            // 2TP / (2TP + FP + FN) is the harmonic mean of precision and recall, and is 0 rather than
            // undefined when TP is 0. Here 2TP + FP + FN = predicted + support.
            var f1 = Divide(2 * truePositives, predicted + support);
            metrics.Add(new ClassMetrics(
                confusion.Labels[i], Divide(truePositives, predicted), Divide(truePositives, support), f1, support));
        }

        return metrics;
    }

    private static PrecisionRecallF1 AverageMacro(IReadOnlyList<ClassMetrics> perClass) => new(
        perClass.Average(m => m.Precision), perClass.Average(m => m.Recall), perClass.Average(m => m.F1));

    private static PrecisionRecallF1 AverageWeighted(IReadOnlyList<ClassMetrics> perClass)
    {
        double total = perClass.Sum(m => m.Support);
        return new PrecisionRecallF1(
            perClass.Sum(m => m.Precision * m.Support) / total,
            perClass.Sum(m => m.Recall * m.Support) / total,
            perClass.Sum(m => m.F1 * m.Support) / total);
    }

    private static PrecisionRecallF1 AverageMicro(ConfusionMatrix confusion)
    {
        int truePositives = 0, predicted = 0, support = 0;
        for (var i = 0; i < confusion.Labels.Count; i++)
        {
            truePositives += confusion[i, i];
            predicted += confusion.ColumnTotal(i);
            support += confusion.RowTotal(i);
        }

        var f1 = Divide(2 * truePositives, predicted + support);
        return new PrecisionRecallF1(Divide(truePositives, predicted), Divide(truePositives, support), f1);
    }

    private static double Divide(int numerator, int denominator) =>
        denominator == 0 ? 0.0 : (double)numerator / denominator;
}
