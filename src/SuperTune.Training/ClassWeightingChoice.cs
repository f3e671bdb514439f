namespace SuperTune.Training;

/// <summary>The values of <c>--class-weighting</c> and the rule behind "auto".</summary>
public static class ClassWeightingChoice
{
    public const string Auto = "auto";
    public const string Balanced = "balanced";
    public const string None = "none";

    /// <summary>
    /// Below this share, "auto" turns balanced weighting on. The share is the perplexity of the label distribution
    /// (e to the entropy, the effective number of labels) over the number of labels: 1 for uniform labels,
    /// 0.83 for 63/21/16 percent, 0.97 for Banking77's mild imbalance.
    /// </summary>
    public const double AutoThreshold = 0.9;

    /// <summary>Returns whether the loss is weighted for a choice and the per-label example counts.</summary>
    public static bool Resolve(string choice, IReadOnlyCollection<int> counts)
    {
        if (choice == Balanced) return true;
        if (choice == None || counts.Count < 2) return false;
        return EffectiveLabelShare(counts) < AutoThreshold;
    }

    /// <summary>Returns exp(entropy of the label distribution) divided by the number of labels.</summary>
    public static double EffectiveLabelShare(IReadOnlyCollection<int> counts)
    {
        double total = counts.Sum();
        var entropy = counts.Where(c => c > 0).Sum(c => -(c / total) * Math.Log(c / total));
        return Math.Exp(entropy) / counts.Count;
    }
}
