using System.CommandLine;
using SuperTune.Core.OutOfScope;

namespace SuperTune.Cli.Commands;

/// <summary>The <c>--oos-*</c> options of <c>supertune train</c>; giving any of them turns detection on.</summary>
internal sealed class OutOfScopeCliOptions
{
    private readonly Option<string?> label = new("--oos-label")
    {
        Description = "Label of out-of-scope rows in the data files (default oos). Rows with it in --data train " +
                      "a class of that name; rows in --validation tune the threshold and rows in --test score it.",
    };

    private readonly Option<string?> scheme = new Option<string?>("--oos-scheme")
    {
        Description = "Out-of-scope rule: label (best label is the out-of-scope one), confidence (calibrated " +
                      "probability below a threshold), margin (top-two gap below a threshold), or auto (default: " +
                      "the best on validation).",
    }.AcceptOnlyFromAmong([OutOfScopeOptions.AutoScheme, .. OutOfScopeSchemes.All]);

    private readonly Option<string?> objective = new Option<string?>("--oos-objective")
    {
        Description = "How thresholds are tuned on validation: recall-at-accuracy (most out-of-scope recall while " +
                      "in-scope accuracy drops by at most --oos-max-accuracy-loss), accuracy-plus-recall (maximise " +
                      "in-scope accuracy plus out-of-scope recall) or target-precision (lowest threshold reaching " +
                      "--oos-target-precision). Default: recall-at-accuracy when validation has out-of-scope rows, " +
                      "target-precision otherwise.",
    }.AcceptOnlyFromAmong([.. OutOfScopeObjectives.All]);

    private readonly Option<double?> targetPrecision = new("--oos-target-precision")
    {
        Description = "Share of accepted texts that must get their correct label, above 0 and at most 1 " +
                      "(default 0.95), for --oos-objective target-precision.",
    };

    private readonly Option<double?> maxAccuracyLoss = new("--oos-max-accuracy-loss")
    {
        Description = "Share of validation in-scope accuracy, from 0 to 1, that recall-at-accuracy may give up to " +
                      "catch out-of-scope texts (default 0.005, half a point).",
    };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [label, scheme, objective, targetPrecision, maxAccuracyLoss];

    /// <summary>Returns the out-of-scope options, or null when none of them was given.</summary>
    public OutOfScopeOptions? Read(ParseResult parse)
    {
        var (labelValue, schemeValue, objectiveValue, targetValue, lossValue) = (parse.GetValue(label),
            parse.GetValue(scheme), parse.GetValue(objective), parse.GetValue(targetPrecision),
            parse.GetValue(maxAccuracyLoss));
        if (labelValue is null && schemeValue is null && objectiveValue is null && targetValue is null &&
            lossValue is null)
        {
            return null;
        }

        // A value for one objective's setting picks that objective when --oos-objective is not given.
        objectiveValue ??= targetValue is not null ? OutOfScopeObjectives.TargetPrecision
            : lossValue is not null ? OutOfScopeObjectives.RecallAtAccuracy
            : null;

        var defaults = new OutOfScopeOptions();
        var options = new OutOfScopeOptions
        {
            Label = labelValue ?? defaults.Label,
            Scheme = schemeValue ?? defaults.Scheme,
            Objective = objectiveValue,
            TargetPrecision = targetValue ?? defaults.TargetPrecision,
            MaxAccuracyLoss = lossValue ?? defaults.MaxAccuracyLoss,
        };
        options.Validate();
        return options;
    }
}
