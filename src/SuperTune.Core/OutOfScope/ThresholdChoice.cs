namespace SuperTune.Core.OutOfScope;

/// <summary>The threshold that <see cref="ThresholdTuner"/> picked for one scheme, with its validation metrics.</summary>
/// <param name="Scheme">One of <see cref="OutOfScopeSchemes.All"/>.</param>
/// <param name="Threshold">Minimum in-scope score; 0 for the label scheme.</param>
/// <param name="Validation">Metrics on the tuning data at <paramref name="Threshold"/>.</param>
/// <param name="ObjectiveValue">The objective's value there; higher is better, also across schemes.</param>
/// <param name="TargetReached">
/// False when <see cref="OutOfScopeObjectives.TargetPrecision"/> found no threshold that reaches the target, so the
/// threshold with the highest in-scope precision was kept.
/// </param>
public sealed record ThresholdChoice(string Scheme, double Threshold, OutOfScopeMetrics Validation,
    double ObjectiveValue, bool TargetReached);
