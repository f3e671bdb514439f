using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Modeling.Checkpoints;

namespace SuperTune.Export;

/// <summary>Collects the <c>metadata_props</c> of an exported graph from a model folder.</summary>
internal static class ExportMetadata
{
    private const string MetricsFile = "metrics.json";

    // Labels and metrics are read by programs, not embedded in HTML, so non-ASCII text stays unescaped.
    private static readonly JsonSerializerOptions CompactJson = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Returns the metadata entries in a fixed order. <see cref="OnnxModelContract"/> describes each key.
    /// </summary>
    /// <param name="pooling">The pooling built into the graph, or null for an entity tagger, which pools nothing.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string folder, BertConfig config, string? pooling,
        DateTimeOffset exportedAt)
    {
        var labels = config.LabelsInOrder();
        var id2Label = new JsonObject();
        for (var i = 0; i < labels.Count; i++) id2Label[i.ToString(CultureInfo.InvariantCulture)] = labels[i];

        var maxLength = config.PredictionMaxLength;
        // The architecture decides for a tagger, so a config.json without a supertune section still exports as one.
        var task = config.IsTokenClassifier
            ? OnnxModelContract.EntitiesTask
            : config.SuperTune?.Task ?? OnnxModelContract.ClassifyTask;
        var entries = new List<KeyValuePair<string, string>>
        {
            new(OnnxModelContract.TaskKey, task),
            new(OnnxModelContract.LabelsKey, JsonSerializer.Serialize(labels, CompactJson)),
            new(OnnxModelContract.Id2LabelKey, id2Label.ToJsonString(CompactJson)),
        };
        if (pooling is not null) entries.Add(new(OnnxModelContract.PoolingKey, pooling));
        entries.AddRange(
        [
            new(OnnxModelContract.MaxLengthKey, maxLength.ToString(CultureInfo.InvariantCulture)),
            new(OnnxModelContract.BaseModelKey, config.SuperTune?.BaseModel ?? ""),
            new(OnnxModelContract.TemperatureKey, ReadTemperature(folder)),
            new(OnnxModelContract.ExportedAtKey,
                exportedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        ]);

        if (config.SuperTune?.OutOfScope is { } outOfScope)
        {
            outOfScope.Validate(Path.Combine(folder, SequenceClassifierFolder.ConfigFile));
            entries.Add(new(OnnxModelContract.OutOfScopeKey, JsonSerializer.Serialize(outOfScope, CompactJson)));
        }

        var metrics = ReadMetrics(folder);
        if (metrics is not null) entries.Add(new(OnnxModelContract.MetricsKey, metrics));
        return entries;
    }

    /// <summary>
    /// Reads <c>supertune.temperature</c> from config.json, which <see cref="BertConfig"/> does not map, and returns
    /// it as a round-trip decimal string, or "1" when absent.
    /// </summary>
    private static string ReadTemperature(string folder)
    {
        var path = Path.Combine(folder, SequenceClassifierFolder.ConfigFile);
        JsonNode? temperature;
        try
        {
            temperature = JsonNode.Parse(File.ReadAllText(path))?["supertune"]?["temperature"];
        }
        catch (JsonException e)
        {
            throw new SuperTuneException($"{path}: invalid JSON: {e.Message}");
        }

        if (temperature is null) return "1";

        var value = temperature.GetValueKind() == JsonValueKind.Number ? temperature.GetValue<double>() : double.NaN;
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new SuperTuneException(
                $"{path}: supertune.temperature is {temperature.ToJsonString()}, expected a positive number.",
                "Set it to the calibrated temperature (1 leaves the logits unchanged) or remove it.");
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Returns metrics.json without whitespace, or null when the folder has none.</summary>
    private static string? ReadMetrics(string folder)
    {
        var path = Path.Combine(folder, MetricsFile);
        if (!File.Exists(path)) return null;

        try
        {
            var metrics = JsonNode.Parse(File.ReadAllText(path))
                ?? throw new SuperTuneException($"{path}: the file contains null instead of a metrics object.");
            return metrics.ToJsonString(CompactJson);
        }
        catch (JsonException e)
        {
            throw new SuperTuneException($"{path}: invalid JSON: {e.Message}",
                "Rewrite it with `supertune evaluate`, or delete it to export without metrics.");
        }
    }
}
