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
        Description = "How thresholds are tuned on validation: accuracy-plus-recall (maximise in-scope accuracy " +
                      "plus out-of-scope recall) or target-precision (lowest threshold reaching " +
                      "--oos-target-precision). Default: the first when validation has out-of-scope rows.",
    }.AcceptOnlyFromAmong([.. OutOfScopeObjectives.All]);

    private readonly Option<double?> targetPrecision = new("--oos-target-precision")
    {
        Description = "Share of accepted texts that must get their correct label, above 0 and at most 1 " +
                      "(default 0.95), for --oos-objective target-precision.",
    };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [label, scheme, objective, targetPrecision];

    /// <summary>Returns the out-of-scope options, or null when none of them was given.</summary>
    public OutOfScopeOptions? Read(ParseResult parse)
    {
        var (labelValue, schemeValue, objectiveValue, targetValue) = (parse.GetValue(label), parse.GetValue(scheme),
            parse.GetValue(objective), parse.GetValue(targetPrecision));
        if (labelValue is null && schemeValue is null && objectiveValue is null && targetValue is null) return null;

        var defaults = new OutOfScopeOptions();
        var options = new OutOfScopeOptions
        {
            Label = labelValue ?? defaults.Label,
            Scheme = schemeValue ?? defaults.Scheme,
            Objective = objectiveValue ?? (targetValue is null ? null : OutOfScopeObjectives.TargetPrecision),
            TargetPrecision = targetValue ?? defaults.TargetPrecision,
        };
        options.Validate();
        return options;
    }
}
