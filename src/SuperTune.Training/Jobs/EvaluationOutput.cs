using Microsoft.Extensions.Logging;
using SuperTune.Core.Evaluation;

namespace SuperTune.Training.Jobs;

/// <summary>Writes a classification evaluation's files and its Markdown report.</summary>
internal static class EvaluationOutput
{
    /// <summary>Writes confusion.csv, confusion.png and errors.csv into <paramref name="folder"/>.</summary>
    public static void WriteFiles(ClassificationEvaluation evaluation, string folder, ILogger logger)
    {
        if (!evaluation.WriteAll(folder))
        {
            logger.LogWarning("confusion.png was not drawn: {Count} labels are too many for a readable heat map; " +
                              "confusion.csv has the counts", evaluation.Confusion.Labels.Count);
        }
    }

    /// <summary>
    /// Writes report.md: summary facts, every metrics section, the extra sections, then per-class details of the last
    /// evaluation.
    /// </summary>
    public static void WriteReport(string path, string title, IEnumerable<KeyValuePair<string, string>> facts,
        MetricsDocument metrics, IReadOnlyList<(string Name, ClassificationEvaluation Evaluation)> evaluations,
        IReadOnlyList<(string Heading, string Markdown)>? extraSections = null)
    {
        var report = new ReportWriter(title);
        foreach (var (key, value) in facts) report.AddSummary(key, value);
        foreach (var name in metrics.SectionNames) report.AddMetrics(name, metrics.GetSection(name)!);

        // The last evaluation (test when given) gets the per-class table, unseen labels and errors.
        foreach (var (heading, markdown) in extraSections ?? []) report.AddSection(heading, markdown);
        report.AddClassification(evaluations[^1].Evaluation);
        report.Write(path);
    }
}
