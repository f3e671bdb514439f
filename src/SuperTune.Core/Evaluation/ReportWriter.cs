namespace SuperTune.Core.Evaluation;

/// <summary>
/// Builds a human-readable report.md: a title, summary lines, one metrics table per section, then further
/// sections in the order they were added.
/// </summary>
/// <example>
/// <code>
/// new ReportWriter("Evaluation of runs/intent-v1")
///     .AddSummary("Model", "runs/intent-v1")
///     .AddMetrics("evaluation", evaluation.ToDictionary())
///     .AddClassification(evaluation)
///     .Write("runs/intent-v1/report.md");
/// </code>
/// </example>
public sealed class ReportWriter
{
    private readonly string _title;
    private readonly List<(string Key, string Value)> _summary = [];
    private readonly List<(string Name, IReadOnlyDictionary<string, object> Metrics)> _metrics = [];
    private readonly List<(string Heading, string Body)> _sections = [];

    /// <summary>Starts a report whose first line is the heading <paramref name="title"/>.</summary>
    public ReportWriter(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        _title = title;
    }

    /// <summary>Adds a summary line such as model folder, base model or data file, shown under the title.</summary>
    public ReportWriter AddSummary(string key, string value)
    {
        _summary.Add((key, value));
        return this;
    }

    /// <summary>Adds a metrics table for the section <paramref name="name"/>, such as <c>validation</c>.</summary>
    public ReportWriter AddMetrics(string name, IReadOnlyDictionary<string, object> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics.Add((name, metrics));
        return this;
    }

    /// <summary>Adds a section with the heading <paramref name="heading"/> and Markdown body
    /// <paramref name="markdown"/>, written as given.</summary>
    public ReportWriter AddSection(string heading, string markdown)
    {
        _sections.Add((heading, markdown));
        return this;
    }

    /// <summary>
    /// Adds the per-class table (worst F1 first), the gold labels the model has never seen, the
    /// <paramref name="maxErrors"/> lowest-confidence errors and links to the files that
    /// <see cref="EvaluationFiles.WriteAll"/> writes. The links are relative, so write those files into the
    /// folder of report.md.
    /// </summary>
    public ReportWriter AddClassification(ClassificationEvaluation evaluation, int maxErrors = 20)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentOutOfRangeException.ThrowIfNegative(maxErrors);

        AddSection("Per-class metrics", ClassificationReport.PerClassTable(evaluation));
        AddSection("Gold labels the model has never seen", ClassificationReport.UnseenGoldLabels(evaluation));
        AddSection("Lowest-confidence errors", ClassificationReport.LowestConfidenceErrors(evaluation, maxErrors));
        AddSection("Files", ClassificationReport.FileLinks());
        return this;
    }

    /// <summary>Returns the report as Markdown text.</summary>
    public string ToMarkdown()
    {
        var lines = new List<string> { "# " + MarkdownText.Cell(_title), "" };
        foreach (var (key, value) in _summary)
        {
            lines.Add($"- **{MarkdownText.Cell(key)}:** {MarkdownText.Cell(value)}");
        }

        if (_summary.Count > 0)
        {
            lines.Add("");
        }

        if (_metrics.Count > 0)
        {
            lines.Add("## Metrics");
            foreach (var (name, metrics) in _metrics)
            {
                lines.AddRange(["", "### " + MarkdownText.Cell(name), ""]);
                lines.AddRange(MarkdownText.TableHeader("Metric", ">Value"));
                lines.AddRange(metrics.Select(m => MarkdownText.TableRow(
                    MarkdownText.Cell(m.Key), MarkdownText.Value(m.Value))));
            }

            lines.Add("");
        }

        foreach (var (heading, body) in _sections)
        {
            lines.AddRange(["## " + MarkdownText.Cell(heading), "", body.TrimEnd(), ""]);
        }

        return string.Join('\n', lines);
    }

    /// <summary>Writes <see cref="ToMarkdown"/> to <paramref name="path"/>, replacing the file atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, ToMarkdown());
}
