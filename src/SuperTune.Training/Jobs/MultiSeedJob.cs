using System.Globalization;
using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Models;

namespace SuperTune.Training.Jobs;

/// <summary>
/// <c>supertune train --seeds N</c>: the same training N times with seeds S, S+1, ..., each model folder under
/// OUT/seeds/SEED, and OUT/metrics.json and OUT/report.md with the mean and standard deviation of every metric.
/// </summary>
public sealed class MultiSeedJob(ILoggerFactory loggerFactory, ITrainingMonitor? monitor = null)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<MultiSeedJob>();

    /// <summary>Runs every seed in sequence and returns the summary written to OUT/metrics.json.</summary>
    /// <exception cref="SuperTuneException">Fewer than 2 seeds, or an error of one run.</exception>
    public MetricsDocument Run(TrainRequest request, int seeds, CancellationToken cancellation = default)
    {
        if (seeds < 2) throw new SuperTuneException($"--seeds must be at least 2 for a multi-seed run, got {seeds}.");
        AtomicFolder.EnsureReplaceable(request.OutputFolder, "--out", requireModelConfig: false);

        using var folder = AtomicFolder.Begin(request.OutputFolder, "--out", requireModelConfig: false);
        var runs = new List<(int Seed, MetricsDocument Metrics)>();
        for (var i = 0; i < seeds; i++)
        {
            var seed = request.Options.Seed + i;
            logger.LogInformation("Seed {Seed} ({Index} of {Count})", seed, i + 1, seeds);
            var run = request with
            {
                OutputFolder = Path.Combine(folder.StagingPath, "seeds", seed.ToString(CultureInfo.InvariantCulture)),
                Options = request.Options with { Seed = seed },
            };
            runs.Add((seed, new FineTuneJob(loggerFactory, monitor).Run(run, cancellation)));
        }

        var summary = SeedSummary.Aggregate(runs);
        summary.Write(Path.Combine(folder.StagingPath, "metrics.json"));
        var report = new ReportWriter($"Fine-tuning over {seeds} seeds")
            .AddSummary("Training data", request.DataPath)
            .AddSummary("Test data", request.TestPath ?? "none")
            .AddSummary("Seeds", string.Join(", ", runs.Select(r => r.Seed)))
            .AddSection("Mean, standard deviation and each seed", SeedSummary.ToMarkdown(runs));
        report.Write(Path.Combine(folder.StagingPath, "report.md"));
        folder.Commit();

        LogSummary(summary);
        return summary;
    }

    private void LogSummary(MetricsDocument summary)
    {
        foreach (var section in new[] { "test", "validation" })
        {
            var means = summary.GetSection(section);
            var deviations = summary.GetSection(section + ".std");
            if (means is null || deviations is null || !means.TryGetValue("accuracy", out var accuracy)) continue;
            logger.LogInformation("{Section} accuracy over seeds: mean {Mean:P2}, standard deviation {Std:P2}",
                section, Convert.ToDouble(accuracy, CultureInfo.InvariantCulture),
                Convert.ToDouble(deviations["accuracy"], CultureInfo.InvariantCulture));
        }
    }
}
