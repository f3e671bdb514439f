using System.Text;
using SuperTune.Core.Evaluation;

namespace SuperTune.Core.Entities;

/// <summary>Writes report.md of an entity tagger: facts, metrics sections, per-type scores and the first errors.</summary>
public static class EntityReport
{
    private const int MaxErrors = 20;

    /// <summary>Writes the report of <paramref name="evaluation"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, string title, IEnumerable<KeyValuePair<string, string>> facts,
        MetricsDocument metrics, EntityEvaluation evaluation)
    {
        var report = new ReportWriter(title);
        foreach (var (key, value) in facts) report.AddSummary(key, value);
        foreach (var name in metrics.SectionNames)
        {
            // Per-type keys go to the table below instead.
            var overall = metrics.GetSection(name)!.Where(p => !p.Key.Contains('.')).ToDictionary();
            report.AddMetrics(name, overall);
        }

        var types = new StringBuilder("| type | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|\n");
        foreach (var (type, counts) in evaluation.PerType)
        {
            types.Append($"| {MarkdownText.Cell(type)} | {counts.Precision:F4} | {counts.Recall:F4} | {counts.F1:F4} | " +
                         $"{counts.Gold} |\n");
        }

        report.AddSection("Entity types", types.ToString());
        var errors = new StringBuilder("| line | text | gold | predicted |\n|---:|---|---|---|\n");
        foreach (var error in evaluation.Errors.Take(MaxErrors))
        {
            errors.Append($"| {error.Example.Line} | {MarkdownText.Cell(error.Example.Text)} | " +
                          $"{Describe(error.Example.Text, error.Example.Spans)} | " +
                          $"{Describe(error.Example.Text, error.PredictedSpans)} |\n");
        }

        report.AddSection($"Errors ({evaluation.Errors.Count}, first {Math.Min(MaxErrors, evaluation.Errors.Count)} " +
                          $"shown; all in {EntityErrorsFile.FileName})", errors.ToString());
        report.Write(path);
    }

    private static string Describe(string text, IReadOnlyList<EntitySpan> spans) =>
        spans.Count == 0 ? "none" : MarkdownText.Cell(string.Join("; ", spans.Select(s => $"{s.Label}: {s.TextIn(text)}")));
}
