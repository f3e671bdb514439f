using System.Globalization;

namespace SuperTune.Core.Evaluation;

/// <summary>Renders the classification parts of report.md: per-class scores, unseen labels, errors and files.</summary>
internal static class ClassificationReport
{
    private const int MaxTextLength = 160;

    public static string PerClassTable(ClassificationEvaluation evaluation)
    {
        var lines = new List<string>
        {
            "Sorted by F1, lowest first. Model labels with neither gold examples nor predictions are not listed.",
            "",
        };
        lines.AddRange(MarkdownText.TableHeader("Label", ">Precision", ">Recall", ">F1", ">Support"));

        var sorted = evaluation.PerClass
            .OrderBy(m => m.F1)
            .ThenByDescending(m => m.Support)
            .ThenBy(m => m.Label, StringComparer.Ordinal);
        foreach (var metrics in sorted)
        {
            lines.Add(MarkdownText.TableRow(
                MarkdownText.Cell(metrics.Label),
                MarkdownText.Score(metrics.Precision),
                MarkdownText.Score(metrics.Recall),
                MarkdownText.Score(metrics.F1),
                metrics.Support.ToString(CultureInfo.InvariantCulture)));
        }

        return string.Join('\n', lines);
    }

    public static string UnseenGoldLabels(ClassificationEvaluation evaluation)
    {
        if (evaluation.UnseenGoldLabels.Count == 0)
        {
            return "None: every gold label is one of the model's labels.";
        }

        var examples = evaluation.UnseenGoldLabels.Sum(entry => entry.Count);
        var lines = new List<string>
        {
            $"The model has no output for these labels, so each of their examples counts as an error " +
            $"({examples} in total).",
            "",
        };
        lines.AddRange(MarkdownText.TableHeader("Label", ">Examples"));
        foreach (var (label, count) in evaluation.UnseenGoldLabels)
        {
            lines.Add(MarkdownText.TableRow(MarkdownText.Cell(label), count.ToString(CultureInfo.InvariantCulture)));
        }

        return string.Join('\n', lines);
    }

    public static string LowestConfidenceErrors(ClassificationEvaluation evaluation, int maxErrors)
    {
        if (evaluation.Errors.Count == 0)
        {
            return "None: every example was classified correctly.";
        }

        var lowestErrors = evaluation.Errors
            .OrderBy(error => error.Confidence)
            .ThenBy(error => error.Line)
            .Take(maxErrors)
            .ToList();
        var lines = new List<string>
        {
            $"The {lowestErrors.Count} misclassified examples with the lowest confidence, " +
            $"of {evaluation.Errors.Count} errors. [{EvaluationFiles.ErrorsCsvFileName}]" +
            $"({EvaluationFiles.ErrorsCsvFileName}) lists all errors with their full text.",
            "",
        };
        lines.AddRange(MarkdownText.TableHeader(">Line", "Text", "Gold", "Predicted", ">Confidence"));
        foreach (var error in lowestErrors)
        {
            lines.Add(MarkdownText.TableRow(
                error.Line.ToString(CultureInfo.InvariantCulture),
                MarkdownText.Cell(error.Text, MaxTextLength),
                MarkdownText.Cell(error.Gold),
                MarkdownText.Cell(error.Predicted),
                MarkdownText.Score(error.Confidence)));
        }

        return string.Join('\n', lines);
    }

    public static string FileLinks() => string.Join('\n',
        $"- [{EvaluationFiles.ConfusionCsvFileName}]({EvaluationFiles.ConfusionCsvFileName}): " +
        "confusion matrix counts, one row per gold label and one column per predicted label",
        $"- [{EvaluationFiles.ConfusionPngFileName}]({EvaluationFiles.ConfusionPngFileName}): " +
        "the same matrix as a heat map, coloured by each gold label's share",
        $"- [{EvaluationFiles.ErrorsCsvFileName}]({EvaluationFiles.ErrorsCsvFileName}): " +
        "every misclassified example with its line, confidence and top 3 labels",
        "",
        $"![Confusion matrix]({EvaluationFiles.ConfusionPngFileName})");
}
