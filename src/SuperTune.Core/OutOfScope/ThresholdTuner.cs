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
    /// <exception cref="SuperTuneException">
    /// The accuracy-plus-recall objective on data without out-of-scope examples, or no examples at all.
    /// </exception>
    public static ThresholdChoice Tune(IReadOnlyList<ScoredExample> examples, string scheme, string objective,
        double targetPrecision)
    {
        if (examples.Count == 0) throw new SuperTuneException("No validation examples to tune the out-of-scope threshold on.");
        if (objective == OutOfScopeObjectives.AccuracyPlusRecall && !examples.Any(e => e.GoldOutOfScope))
        {
            throw new SuperTuneException(
                $"--oos-objective {objective} needs out-of-scope rows in the validation data, but it has none.",
                $"Label some validation rows with the out-of-scope label, or use --oos-objective " +
                $"{OutOfScopeObjectives.TargetPrecision}.");
        }

        var candidates = scheme == OutOfScopeSchemes.Label ? [0.0] : Candidates(examples);
        var auroc = OutOfScopeMetrics.ComputeAuroc(examples);
        ThresholdChoice? best = null;
        foreach (var threshold in candidates)
        {
            var metrics = OutOfScopeMetrics.Compute(examples, scheme, threshold, auroc);
            var (value, reached) = Evaluate(metrics, objective, targetPrecision);
            if (best is null || value > best.ObjectiveValue)
            {
                best = new ThresholdChoice(scheme, threshold, metrics, value, reached);
            }
        }

        return best!;
    }

    /// <summary>
    /// Returns the objective value of <paramref name="metrics"/>: in-scope accuracy plus out-of-scope recall, or for
    /// a target precision 1 + in-scope accuracy once the target is reached and the precision itself before, so any
    /// threshold that reaches the target beats every one that does not.
    /// </summary>
    public static (double Value, bool TargetReached) Evaluate(OutOfScopeMetrics metrics, string objective,
        double targetPrecision)
    {
        switch (objective)
        {
            case OutOfScopeObjectives.AccuracyPlusRecall:
                return (metrics.InScopeAccuracy + metrics.OutOfScopeRecall, true);
            case OutOfScopeObjectives.TargetPrecision:
                var precision = double.IsNaN(metrics.InScopePrecision) ? 0 : metrics.InScopePrecision;
                return precision >= targetPrecision ? (1 + metrics.InScopeAccuracy, true) : (precision, false);
            default:
                throw new ArgumentException(
                    $"Unknown objective \"{objective}\"; use {string.Join(", ", OutOfScopeObjectives.All)}.",
                    nameof(objective));
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
