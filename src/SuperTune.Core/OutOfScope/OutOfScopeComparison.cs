using System.Globalization;
using SuperTune.Core.Evaluation;

namespace SuperTune.Core.OutOfScope;

/// <summary>
/// Tunes every applicable out-of-scope scheme on validation data, scores each on test data at its validation
/// threshold, and picks the rule the model keeps. Test data never influences a threshold or the choice.
/// </summary>
public sealed class OutOfScopeComparison
{
    private OutOfScopeComparison(OutOfScopeSettings chosen, IReadOnlyList<SchemeComparison> schemes)
    {
        Chosen = chosen;
        Schemes = schemes;
    }

    /// <summary>The rule to save in the model folder.</summary>
    public OutOfScopeSettings Chosen { get; }

    /// <summary>Every applicable scheme in <see cref="OutOfScopeSchemes.All"/> order.</summary>
    public IReadOnlyList<SchemeComparison> Schemes { get; }

    /// <summary>The entry of the chosen scheme.</summary>
    public SchemeComparison ChosenScheme => Schemes.Single(s => s.Choice.Scheme == Chosen.Scheme);

    /// <summary>
    /// Compares the schemes. <paramref name="validationProbabilities"/> and <paramref name="testProbabilities"/>
    /// are calibrated probabilities over <paramref name="labels"/>, one row per gold label in the matching list.
    /// The label scheme is compared only when <paramref name="labels"/> contains the out-of-scope label.
    /// </summary>
    /// <exception cref="SuperTuneException">
    /// The label scheme was requested for a model without the out-of-scope class, or the objective needs
    /// out-of-scope validation rows that are missing.
    /// </exception>
    public static OutOfScopeComparison Compare(OutOfScopeOptions options, IReadOnlyList<string> labels,
        IReadOnlyList<float[]> validationProbabilities, IReadOnlyList<string> validationGold,
        IReadOnlyList<float[]>? testProbabilities = null, IReadOnlyList<string>? testGold = null)
    {
        options.Validate();
        RequireOutOfScopeClass(options, labels);
        var outOfScopeIndex = OutOfScopeVerdict.IndexOf(labels, options.Label);

        var objective = options.Objective ?? (validationGold.Contains(options.Label, StringComparer.Ordinal)
            ? OutOfScopeObjectives.RecallAtAccuracy
            : OutOfScopeObjectives.TargetPrecision);
        var schemes = new List<SchemeComparison>();
        foreach (var scheme in OutOfScopeSchemes.All)
        {
            if (scheme == OutOfScopeSchemes.Label && outOfScopeIndex < 0) continue;

            var validation = Score(scheme, labels, outOfScopeIndex, options.Label, validationProbabilities,
                validationGold);
            var choice = ThresholdTuner.Tune(validation, scheme, objective, options.TargetPrecision,
                options.MaxAccuracyLoss);
            OutOfScopeMetrics? test = null;
            if (testProbabilities is not null && testGold is not null)
            {
                var scored = Score(scheme, labels, outOfScopeIndex, options.Label, testProbabilities, testGold);
                test = OutOfScopeMetrics.Compute(scored, scheme, choice.Threshold);
            }

            schemes.Add(new SchemeComparison(choice, test));
        }

        // Auto keeps the best validation objective; ties go to the earlier, simpler scheme.
        var kept = options.Scheme == OutOfScopeOptions.AutoScheme
            ? schemes.Aggregate((best, next) => next.Choice.ObjectiveValue > best.Choice.ObjectiveValue ? next : best)
            : schemes.Single(s => s.Choice.Scheme == options.Scheme);
        var chosen = new OutOfScopeSettings
        {
            Scheme = kept.Choice.Scheme,
            Threshold = kept.Choice.Threshold,
            Label = options.Label,
            Objective = objective,
            TargetPrecision = objective == OutOfScopeObjectives.TargetPrecision ? options.TargetPrecision : null,
            MaxAccuracyLoss = objective == OutOfScopeObjectives.RecallAtAccuracy ? options.MaxAccuracyLoss : null,
        };
        return new OutOfScopeComparison(chosen, schemes);
    }

    /// <summary>Throws when the label scheme is requested but <paramref name="labels"/> lack the out-of-scope label.</summary>
    /// <exception cref="SuperTuneException">The label scheme without an out-of-scope class.</exception>
    public static void RequireOutOfScopeClass(OutOfScopeOptions options, IReadOnlyList<string> labels)
    {
        if (options.Scheme != OutOfScopeSchemes.Label || OutOfScopeVerdict.IndexOf(labels, options.Label) >= 0) return;

        throw new SuperTuneException(
            $"--oos-scheme {OutOfScopeSchemes.Label} needs training rows labelled \"{options.Label}\", but " +
            "the training data has none.",
            "Add out-of-scope examples to --data, or use --oos-scheme confidence or margin.");
    }

    /// <summary>Scores labelled rows under one scheme.</summary>
    public static List<ScoredExample> Score(string scheme, IReadOnlyList<string> labels, int outOfScopeIndex,
        string outOfScopeLabel, IReadOnlyList<float[]> probabilities, IReadOnlyList<string> gold)
    {
        var examples = new List<ScoredExample>(gold.Count);
        for (var i = 0; i < gold.Count; i++)
        {
            var score = SchemeScore.Compute(scheme, probabilities[i], outOfScopeIndex);
            var goldOutOfScope = string.Equals(gold[i], outOfScopeLabel, StringComparison.Ordinal);
            var correct = !goldOutOfScope && string.Equals(labels[score.BestInScope], gold[i], StringComparison.Ordinal);
            examples.Add(new ScoredExample(score, goldOutOfScope, correct));
        }

        return examples;
    }

    /// <summary>
    /// Returns the chosen rule's metrics under the names metrics.json uses: in_scope_accuracy, in_scope_precision,
    /// oos_recall, oos_precision and oos_auroc.
    /// </summary>
    public static Dictionary<string, object> ToDictionary(OutOfScopeMetrics metrics) => new()
    {
        ["in_scope_accuracy"] = metrics.InScopeAccuracy,
        ["in_scope_precision"] = metrics.InScopePrecision,
        ["oos_recall"] = metrics.OutOfScopeRecall,
        ["oos_precision"] = metrics.OutOfScopePrecision,
        ["oos_auroc"] = metrics.Auroc,
    };

    /// <summary>Returns the out_of_scope section of metrics.json: the chosen rule, then every scheme's numbers.</summary>
    public Dictionary<string, object> ToSection()
    {
        var section = new Dictionary<string, object>
        {
            ["scheme"] = Chosen.Scheme,
            ["threshold"] = Chosen.Threshold,
            ["label"] = Chosen.Label,
            ["objective"] = Chosen.Objective!,
        };
        if (Chosen.TargetPrecision is { } target) section["target_precision"] = target;
        if (Chosen.MaxAccuracyLoss is { } loss) section["max_accuracy_loss"] = loss;

        foreach (var scheme in Schemes)
        {
            var name = scheme.Choice.Scheme;
            section[$"{name}.threshold"] = scheme.Choice.Threshold;
            section[$"{name}.target_reached"] = scheme.Choice.TargetReached;
            foreach (var (key, value) in ToDictionary(scheme.Choice.Validation)) section[$"{name}.validation.{key}"] = value;
            if (scheme.Test is null) continue;
            foreach (var (key, value) in ToDictionary(scheme.Test)) section[$"{name}.test.{key}"] = value;
        }

        return section;
    }

    /// <summary>Returns a Markdown table with one row per scheme and data split, the kept scheme marked.</summary>
    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            $"Thresholds were tuned on validation data only (objective: {Chosen.Objective}" +
            (Chosen.TargetPrecision is { } target ? string.Create(CultureInfo.InvariantCulture, $", target {target:0.###}") : "") +
            (Chosen.MaxAccuracyLoss is { } loss
                ? string.Create(CultureInfo.InvariantCulture, $", in-scope accuracy given up at most {loss:0.####}")
                : "") +
            $"). The model keeps **{Chosen.Scheme}**. AUROC ranks texts by the scheme's score alone.",
            "",
        };
        lines.AddRange(MarkdownText.TableHeader("Scheme", "Split", ">Threshold", ">In-scope accuracy",
            ">In-scope precision", ">OOS recall", ">OOS precision", ">AUROC"));
        foreach (var scheme in Schemes)
        {
            var name = scheme.Choice.Scheme == Chosen.Scheme ? $"{scheme.Choice.Scheme} (kept)" : scheme.Choice.Scheme;
            lines.Add(Row(name, "validation", scheme.Choice.Threshold, scheme.Choice.Validation));
            if (scheme.Test is not null) lines.Add(Row(name, "test", scheme.Choice.Threshold, scheme.Test));
        }

        return string.Join('\n', lines);
    }

    private static string Row(string scheme, string split, double threshold, OutOfScopeMetrics metrics) =>
        MarkdownText.TableRow(MarkdownText.Cell(scheme), split,
            threshold.ToString("0.0000", CultureInfo.InvariantCulture),
            MarkdownText.Score(metrics.InScopeAccuracy), MarkdownText.Score(metrics.InScopePrecision),
            MarkdownText.Score(metrics.OutOfScopeRecall), MarkdownText.Score(metrics.OutOfScopePrecision),
            MarkdownText.Score(metrics.Auroc));
}
