using System.Text.Json.Nodes;

namespace SuperTune.Training.Tests;

/// <summary>Reads the per-step and per-epoch records of a run's metrics.jsonl for comparing two runs.</summary>
internal static class TrainingRecords
{
    /// <summary>
    /// Returns the distinct "step" and "eval" records without their throughput, sorted. A resumed run repeats the
    /// steps after its last checkpoint, so its records equal an uninterrupted run's only when every repeated and
    /// later step computes the same loss, gradient norm and validation scores.
    /// </summary>
    public static List<string> StepsAndEvaluations(string folder) =>
        File.ReadLines(Path.Combine(folder, "metrics.jsonl"))
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(record => record["type"]!.GetValue<string>() is "step" or "eval")
            .Select(record =>
            {
                record.Remove("examples_per_second");
                return record.ToJsonString();
            })
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
}
