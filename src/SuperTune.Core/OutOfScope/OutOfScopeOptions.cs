namespace SuperTune.Core.OutOfScope;

/// <summary>How <c>supertune train</c> sets up out-of-scope detection (<c>--oos-*</c> options).</summary>
public sealed record OutOfScopeOptions
{
    /// <summary>"auto" picks the scheme with the best objective value on validation.</summary>
    public const string AutoScheme = "auto";

    /// <summary>
    /// <see cref="AutoScheme"/> (default) or one of <see cref="OutOfScopeSchemes.All"/>
    /// (<c>--oos-scheme</c>).
    /// </summary>
    public string Scheme { get; init; } = AutoScheme;

    /// <summary>Name of the out-of-scope label in the data files (<c>--oos-label</c>, default "oos").</summary>
    public string Label { get; init; } = "oos";

    /// <summary>
    /// One of <see cref="OutOfScopeObjectives.All"/> (<c>--oos-objective</c>), or null for recall-at-accuracy when
    /// the validation data has out-of-scope rows and target-precision otherwise.
    /// </summary>
    public string? Objective { get; init; }

    /// <summary>In-scope precision that the target-precision objective aims at (<c>--oos-target-precision</c>).</summary>
    public double TargetPrecision { get; init; } = 0.95;

    /// <summary>Default of <see cref="MaxAccuracyLoss"/>: half a point of in-scope accuracy.</summary>
    public const double DefaultMaxAccuracyLoss = 0.005;

    /// <summary>
    /// In-scope accuracy on validation, from 0 to 1, that the recall-at-accuracy objective may give up to catch
    /// out-of-scope texts (<c>--oos-max-accuracy-loss</c>).
    /// </summary>
    public double MaxAccuracyLoss { get; init; } = DefaultMaxAccuracyLoss;

    /// <summary>Throws when an option is out of range, naming the option.</summary>
    /// <exception cref="SuperTuneException">An option is invalid.</exception>
    public void Validate()
    {
        if (Scheme != AutoScheme && !OutOfScopeSchemes.All.Contains(Scheme))
        {
            throw new SuperTuneException($"--oos-scheme {Scheme} is not a scheme.",
                $"Use {AutoScheme}, {string.Join(", ", OutOfScopeSchemes.All)}.");
        }

        if (string.IsNullOrWhiteSpace(Label)) throw new SuperTuneException("--oos-label is empty; give the label name.");
        if (Objective is not null && !OutOfScopeObjectives.All.Contains(Objective))
        {
            throw new SuperTuneException($"--oos-objective {Objective} is not an objective.",
                $"Use {string.Join(" or ", OutOfScopeObjectives.All)}.");
        }

        if (!(TargetPrecision > 0 && TargetPrecision <= 1))
        {
            throw new SuperTuneException($"--oos-target-precision must be above 0 and at most 1, got {TargetPrecision}.");
        }

        if (!(MaxAccuracyLoss >= 0 && MaxAccuracyLoss <= 1))
        {
            throw new SuperTuneException($"--oos-max-accuracy-loss must be from 0 to 1, got {MaxAccuracyLoss}.",
                "Give a share of in-scope accuracy, such as 0.005 for half a point.");
        }
    }
}
