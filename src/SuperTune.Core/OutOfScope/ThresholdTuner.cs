using SuperTune.Core.Data;

namespace SuperTune.Core.OutOfScope;

/// <summary>Picks out-of-scope thresholds on validation data for a stated objective.</summary>
public static class ThresholdTuner
{
    /// <summary>
    /// Tries every threshold halfway between two adjacent distinct scores, plus 0, which accepts all. Keeps the one
    /// with the best objective value. On ties the lowest threshold wins, because it rejects the fewest texts.
    /// </summary>
    /// <param name="examples">Validation examples scored by <paramref name="scheme"/>.</param>
    /// <param name="scheme">The label scheme has nothing to tune and returns threshold 0.</param>
    /// <param name="objective">One of <see cref="OutOfScopeObjectives.All"/>.</param>
    /// <param name="targetPrecision">In-scope precision to reach, from 0 to 1, for the target-precision objective.</param>
    /// <param name="maxAccuracyLoss">
    /// In-scope accuracy, from 0 to 1, that the recall-at-accuracy objective may give up against threshold 0.
    /// </param>
    /// <exception cref="SuperTuneException">
    /// An objective that needs out-of-scope examples on data without them, or no examples at all.
    /// </exception>
    public static ThresholdChoice Tune(IReadOnlyList<ScoredExample> examples, string scheme, string objective,
        double targetPrecision, double maxAccuracyLoss = OutOfScopeOptions.DefaultMaxAccuracyLoss)
    {
        if (examples.Count == 0) throw new SuperTuneException("No validation examples to tune the out-of-scope threshold on.");
        if (OutOfScopeObjectives.NeedsOutOfScopeRows(objective) && !examples.Any(e => e.GoldOutOfScope))
        {
            throw new SuperTuneException(
                $"--oos-objective {objective} needs out-of-scope rows in the validation data, but it has none.",
                $"Label some validation rows with the out-of-scope label, or use --oos-objective " +
                $"{OutOfScopeObjectives.TargetPrecision}.");
        }

        var candidates = scheme == OutOfScopeSchemes.Label ? [0.0] : Candidates(examples);
        var auroc = OutOfScopeMetrics.ComputeAuroc(examples);
        var goal = new Goal(objective, targetPrecision, maxAccuracyLoss,
            OutOfScopeMetrics.Compute(examples, scheme, 0, auroc).InScopeAccuracy);
        ThresholdChoice? best = null;
        foreach (var threshold in candidates)
        {
            var metrics = OutOfScopeMetrics.Compute(examples, scheme, threshold, auroc);
            var (value, reached) = goal.Evaluate(metrics);
            if (best is null || value > best.ObjectiveValue)
            {
                best = new ThresholdChoice(scheme, threshold, metrics, value, reached);
            }
        }

        return best!;
    }

    /// <summary>An objective with its settings and the in-scope accuracy at threshold 0.</summary>
    private readonly record struct Goal(string Objective, double TargetPrecision, double MaxAccuracyLoss,
        double AccuracyAcceptingAll)
    {
        /// <summary>
        /// Returns the objective value of <paramref name="metrics"/>, higher is better:
        /// <list type="bullet">
        /// <item>recall-at-accuracy: 1 + out-of-scope recall within the accuracy bound, the accuracy itself outside;</item>
        /// <item>accuracy-plus-recall: in-scope accuracy plus out-of-scope recall;</item>
        /// <item>target-precision: 1 + in-scope accuracy once the target is reached, the precision itself before.</item>
        /// </list>
        /// So any threshold that meets a bound or target beats every one that does not.
        /// </summary>
        public (double Value, bool TargetReached) Evaluate(OutOfScopeMetrics metrics)
        {
            switch (Objective)
            {
                case OutOfScopeObjectives.RecallAtAccuracy:
                    // The small slack keeps threshold 0 within the bound despite rounding.
                    return metrics.InScopeAccuracy >= AccuracyAcceptingAll - MaxAccuracyLoss - 1e-12
                        ? (1 + metrics.OutOfScopeRecall, true)
                        : (metrics.InScopeAccuracy, false);
                case OutOfScopeObjectives.AccuracyPlusRecall:
                    return (metrics.InScopeAccuracy + metrics.OutOfScopeRecall, true);
                case OutOfScopeObjectives.TargetPrecision:
                    var precision = double.IsNaN(metrics.InScopePrecision) ? 0 : metrics.InScopePrecision;
                    return precision >= TargetPrecision ? (1 + metrics.InScopeAccuracy, true) : (precision, false);
                default:
                    throw new ArgumentException(
                        $"Unknown objective \"{Objective}\"; use {string.Join(", ", OutOfScopeObjectives.All)}.",
                        nameof(Objective));
            }
        }
    }

    private static List<double> Candidates(IReadOnlyList<ScoredExample> examples)
    {
        var scores = examples.Select(e => e.Score.Score).Distinct().Order().ToList();
        var candidates = new List<double> { 0.0 };
        for (var i = 1; i < scores.Count; i++) candidates.Add((scores[i - 1] + scores[i]) / 2);
        candidates.Add(scores[^1] + 1e-6);
        return candidates;
    }
}
