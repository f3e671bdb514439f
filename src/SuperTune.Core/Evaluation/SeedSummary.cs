using System.Globalization;

namespace SuperTune.Core.Evaluation;

/// <summary>
/// Mean and sample standard deviation of every numeric metric over runs that differ only in their seed, because
/// fine-tuning on small data swings with the seed.
/// </summary>
public static class SeedSummary
{
    /// <summary>
    /// Returns a document with the means of each section of the runs under the section's name, and their sample
    /// standard deviations (0 for a single run) under "NAME.std". A "seeds" section lists the seeds. Metrics missing
    /// from some runs are averaged over the runs that have them. Strings and booleans are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">No runs.</exception>
    public static MetricsDocument Aggregate(IReadOnlyList<(int Seed, MetricsDocument Metrics)> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("At least one run is needed.", nameof(runs));

        var summary = new MetricsDocument();
        foreach (var section in runs.SelectMany(r => r.Metrics.SectionNames).Distinct(StringComparer.Ordinal))
        {
            var means = new Dictionary<string, object>();
            var deviations = new Dictionary<string, object>();
            foreach (var (key, values) in NumericValues(runs, section))
            {
                var (mean, std) = Describe(values);
                means[key] = mean;
                deviations[key] = std;
            }

            summary.SetSection(section, means);
            summary.SetSection(section + ".std", deviations);
        }

        summary.SetSection("seeds", new Dictionary<string, object>
        {
            ["count"] = runs.Count,
            ["seeds"] = string.Join(",", runs.Select(r => r.Seed.ToString(CultureInfo.InvariantCulture))),
        });
        return summary;
    }

    /// <summary>Returns a Markdown table per section: metric, mean, standard deviation and each seed's value.</summary>
    public static string ToMarkdown(IReadOnlyList<(int Seed, MetricsDocument Metrics)> runs)
    {
        var lines = new List<string>();
        foreach (var section in runs.SelectMany(r => r.Metrics.SectionNames).Distinct(StringComparer.Ordinal))
        {
            lines.AddRange(["### " + MarkdownText.Cell(section), ""]);
            lines.AddRange(MarkdownText.TableHeader(
                ["Metric", ">Mean", ">Std", .. runs.Select(r => ">seed " + r.Seed.ToString(CultureInfo.InvariantCulture))]));
            foreach (var (key, values) in NumericValues(runs, section))
            {
                var (mean, std) = Describe(values);
                var perSeed = runs.Select(r => r.Metrics.GetSection(section)?.GetValueOrDefault(key) is { } value
                    && ToDouble(value) is { } number ? MarkdownText.Score(number) : "");
                lines.Add(MarkdownText.TableRow([MarkdownText.Cell(key), MarkdownText.Score(mean),
                    MarkdownText.Score(std), .. perSeed]));
            }

            lines.Add("");
        }

        return string.Join('\n', lines);
    }

    private static List<(string Key, List<double> Values)> NumericValues(
        IReadOnlyList<(int Seed, MetricsDocument Metrics)> runs, string section)
    {
        var result = new List<(string Key, List<double> Values)>();
        var keys = runs.SelectMany(r => r.Metrics.GetSection(section)?.Keys ?? []).Distinct(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var values = runs
                .Select(r => r.Metrics.GetSection(section)?.GetValueOrDefault(key))
                .Select(v => v is null ? null : ToDouble(v))
                .Where(v => v is not null && double.IsFinite(v.Value))
                .Select(v => v!.Value)
                .ToList();
            if (values.Count > 0) result.Add((key, values));
        }

        return result;
    }

    private static (double Mean, double Std) Describe(List<double> values)
    {
        var mean = values.Average();
        var variance = values.Count < 2 ? 0 : values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Math.Sqrt(variance));
    }

    private static double? ToDouble(object value) => value switch
    {
        int number => number,
        long number => number,
        double number => number,
        float number => number,
        _ => null,
    };
}
