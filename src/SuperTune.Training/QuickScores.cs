namespace SuperTune.Training;

/// <summary>Accuracy and macro F1 over class indices, cheap enough to run after every epoch.</summary>
internal static class QuickScores
{
    public static double Accuracy(int[] gold, int[] predicted) =>
        gold.Length == 0 ? 0 : gold.Where((g, i) => g == predicted[i]).Count() / (double)gold.Length;

    /// <summary>Unweighted mean of per-label F1 over labels that occur in gold or predictions.</summary>
    public static double MacroF1(int[] gold, int[] predicted, int labelCount)
    {
        var truePositives = new int[labelCount];
        var goldCounts = new int[labelCount];
        var predictedCounts = new int[labelCount];
        for (var i = 0; i < gold.Length; i++)
        {
            goldCounts[gold[i]]++;
            predictedCounts[predicted[i]]++;
            if (gold[i] == predicted[i]) truePositives[gold[i]]++;
        }

        var scores = new List<double>();
        for (var label = 0; label < labelCount; label++)
        {
            if (goldCounts[label] + predictedCounts[label] == 0) continue;
            scores.Add(2.0 * truePositives[label] / (goldCounts[label] + predictedCounts[label]));
        }

        return scores.Count == 0 ? 0 : scores.Average();
    }
}
