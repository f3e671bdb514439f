using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Data;
using SuperTune.Core.OutOfScope;

namespace SuperTune.Training.Jobs;

/// <summary>Tunes the out-of-scope rule of a trained classifier on its validation predictions.</summary>
internal static class OutOfScopeStep
{
    /// <summary>
    /// Compares the schemes on calibrated validation probabilities, and scores each on the test probabilities when
    /// given. Returns null when <paramref name="options"/> is null, because out-of-scope detection is then off.
    /// </summary>
    public static OutOfScopeComparison? Tune(OutOfScopeOptions? options, IReadOnlyList<string> labels,
        IReadOnlyList<TextExample> validation, IReadOnlyList<float[]> validationProbabilities,
        IReadOnlyList<TextExample>? test, IReadOnlyList<float[]>? testProbabilities, ILogger logger)
    {
        if (options is null) return null;

        var comparison = OutOfScopeComparison.Compare(options, labels, validationProbabilities, Gold(validation),
            testProbabilities, test is null ? null : Gold(test));
        foreach (var scheme in comparison.Schemes)
        {
            var metrics = scheme.Choice.Validation;
            logger.LogInformation("Out of scope, {Scheme}: threshold {Threshold:F4}; validation in-scope accuracy " +
                                  "{Accuracy:P2}, in-scope precision {Precision:P2}, OOS recall {Recall:P2}",
                scheme.Choice.Scheme, scheme.Choice.Threshold, metrics.InScopeAccuracy, metrics.InScopePrecision,
                metrics.OutOfScopeRecall);
            if (!scheme.Choice.TargetReached)
            {
                logger.LogWarning("Out of scope, {Scheme}: no threshold reaches in-scope precision {Target:P1} on " +
                                  "validation; the one with the highest precision was kept",
                    scheme.Choice.Scheme, options.TargetPrecision);
            }
        }

        logger.LogInformation("Out of scope: the model keeps the {Scheme} scheme (objective {Objective})",
            comparison.Chosen.Scheme, comparison.Chosen.Objective);
        return comparison;
    }

    /// <summary>
    /// Throws before training when the options cannot work with the data: the label scheme without out-of-scope
    /// training rows, or an objective that needs out-of-scope validation rows without them.
    /// </summary>
    /// <exception cref="SuperTuneException">The options and the data do not fit together.</exception>
    public static void CheckBeforeTraining(OutOfScopeOptions? options, IReadOnlyList<string> trainingLabels,
        IReadOnlyList<TextExample> validation)
    {
        if (options is null) return;

        options.Validate();
        OutOfScopeComparison.RequireOutOfScopeClass(options, trainingLabels);
        if (options.Objective is { } objective && OutOfScopeObjectives.NeedsOutOfScopeRows(objective) &&
            !validation.Any(e => string.Equals(e.Label, options.Label, StringComparison.Ordinal)))
        {
            throw new SuperTuneException(
                $"--oos-objective {objective} needs validation rows labelled \"{options.Label}\", but the validation " +
                "data has none.",
                $"Label some validation rows \"{options.Label}\", or use --oos-objective " +
                $"{OutOfScopeObjectives.TargetPrecision}.");
        }
    }

    private static List<string> Gold(IReadOnlyList<TextExample> examples) =>
        examples.Select(e => e.Label ?? "").ToList();
}
