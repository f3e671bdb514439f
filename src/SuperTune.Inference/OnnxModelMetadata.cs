using System.Globalization;
using System.Text.Json;
using SuperTune.Core;
using SuperTune.Core.Entities;
using SuperTune.Core.OutOfScope;

namespace SuperTune.Inference;

/// <summary>Reads a <see cref="ModelInfo"/> from the metadata_props of model.onnx.</summary>
internal static class OnnxModelMetadata
{
    /// <summary>Parses the metadata and reports every missing or invalid entry in one exception.</summary>
    /// <param name="expectedTask">The task the caller loads, <see cref="OnnxModelTasks"/>.</param>
    /// <exception cref="SuperTuneException">A required entry is missing or an entry is invalid.</exception>
    public static ModelInfo Read(IReadOnlyDictionary<string, string> metadata, string modelPath, string folder,
        string expectedTask)
    {
        var problems = new List<string>();
        string? task = Require(metadata, OnnxMetadataKeys.Task, problems);
        if (task is not null && task != expectedTask)
        {
            throw WrongTask(task, expectedTask, modelPath);
        }

        IReadOnlyList<string> labels = ReadLabels(metadata, problems);
        if (task == OnnxModelTasks.Entities)
        {
            CheckBioTags(labels, problems);
        }

        int maxLength = ReadMaxLength(metadata, problems);
        float temperature = ReadTemperature(metadata, problems);
        DateTimeOffset? exportedAt = ReadExportedAt(metadata, problems);
        string? metrics = ReadMetrics(metadata, problems);
        OutOfScopeSettings? outOfScope = ReadOutOfScope(metadata, problems);

        if (problems.Count > 0)
        {
            throw new SuperTuneException(
                $"{modelPath}: invalid SuperTune metadata: {string.Join("; ", problems)}.",
                $"Export the model again with `supertune export --model {folder}`.");
        }

        return new ModelInfo
        {
            Name = Path.GetFileName(folder),
            Folder = folder,
            Task = task!,
            Labels = labels,
            MaxLength = maxLength,
            Temperature = temperature,
            Pooling = metadata.GetValueOrDefault(OnnxMetadataKeys.Pooling),
            BaseModel = metadata.GetValueOrDefault(OnnxMetadataKeys.BaseModel),
            ExportedAt = exportedAt,
            MetricsJson = metrics,
            OutOfScope = outOfScope,
        };
    }

    // A model of another task is not a damaged export, so the hint says where that model is served instead.
    private static SuperTuneException WrongTask(string task, string expectedTask, string modelPath)
    {
        string hint = task switch
        {
            OnnxModelTasks.Entities => "This is an entity tagger: serve it with `supertune serve --entity-model`.",
            OnnxModelTasks.Classify => "This is a text classifier: serve it with `supertune serve --model`.",
            "retrieval" => "This is a retrieval model: serve it with `supertune serve --answer-model`.",
            _ => "Pass a folder exported by `supertune export` from a model of that task.",
        };
        return new SuperTuneException(
            $"{modelPath}: {OnnxMetadataKeys.Task} is \"{Clip(task)}\", but a \"{expectedTask}\" model is needed here.", hint);
    }

    // Every tag must be O, B-type or I-type, so that BIO decoding reads the entity type from it.
    private static void CheckBioTags(IReadOnlyList<string> labels, List<string> problems)
    {
        string? invalid = labels.FirstOrDefault(label => label != BioTags.Outside && BioTags.Parse(label).Type is null);
        if (invalid is not null)
        {
            problems.Add($"{OnnxMetadataKeys.Labels} of an entity tagger must be BIO tags (O, B-type, I-type), but "
                + $"contains {Quote(invalid)}");
        }
    }

    private static string? Require(IReadOnlyDictionary<string, string> metadata, string key, List<string> problems)
    {
        if (metadata.TryGetValue(key, out string? value))
        {
            return value;
        }

        problems.Add($"{key} is missing");
        return null;
    }

    private static IReadOnlyList<string> ReadLabels(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        string? text = Require(metadata, OnnxMetadataKeys.Labels, problems);
        if (text is null)
        {
            return [];
        }

        string[]? labels;
        try
        {
            labels = JsonSerializer.Deserialize<string[]>(text);
        }
        catch (JsonException)
        {
            labels = null;
        }

        if (labels is null || labels.Length == 0 || labels.Any(string.IsNullOrEmpty))
        {
            problems.Add(
                $"{OnnxMetadataKeys.Labels} must be a JSON array of one or more label names, but is {Quote(text)}");
            return [];
        }

        string? duplicate = labels.GroupBy(label => label).FirstOrDefault(group => group.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            problems.Add($"{OnnxMetadataKeys.Labels} names \"{duplicate}\" more than once");
        }

        return labels;
    }

    private static int ReadMaxLength(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        string? text = Require(metadata, OnnxMetadataKeys.MaxLength, problems);
        if (text is null)
        {
            return 0;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int maxLength) || maxLength < 2)
        {
            problems.Add($"{OnnxMetadataKeys.MaxLength} must be a whole number of at least 2, but is {Quote(text)}");
        }

        return maxLength;
    }

    private static float ReadTemperature(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        if (!metadata.TryGetValue(OnnxMetadataKeys.Temperature, out string? text))
        {
            return 1;
        }

        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float temperature)
            || !float.IsFinite(temperature) || temperature <= 0)
        {
            problems.Add($"{OnnxMetadataKeys.Temperature} must be a positive number, but is {Quote(text)}");
        }

        return temperature;
    }

    private static DateTimeOffset? ReadExportedAt(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        if (!metadata.TryGetValue(OnnxMetadataKeys.ExportedAt, out string? text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                out DateTimeOffset exportedAt))
        {
            return exportedAt;
        }

        problems.Add($"{OnnxMetadataKeys.ExportedAt} must be an ISO 8601 time, but is {Quote(text)}");
        return null;
    }

    private static string? ReadMetrics(IReadOnlyDictionary<string, string> metadata, List<string> problems)
    {
        if (!metadata.TryGetValue(OnnxMetadataKeys.Metrics, out string? text))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return text;
        }
        catch (JsonException)
        {
            problems.Add($"{OnnxMetadataKeys.Metrics} must be JSON, but is {Quote(text)}");
            return null;
        }
    }

    private static OutOfScopeSettings? ReadOutOfScope(IReadOnlyDictionary<string, string> metadata,
        List<string> problems)
    {
        if (!metadata.TryGetValue(OnnxMetadataKeys.OutOfScope, out string? text))
        {
            return null;
        }

        try
        {
            OutOfScopeSettings? settings = JsonSerializer.Deserialize<OutOfScopeSettings>(text);
            settings?.Validate(OnnxMetadataKeys.OutOfScope);
            if (settings is not null) return settings;
        }
        catch (Exception e) when (e is JsonException or SuperTuneException)
        {
        }

        problems.Add($"{OnnxMetadataKeys.OutOfScope} must be a JSON object with a known scheme, a finite threshold " +
                     $"and a label, but is {Quote(text)}");
        return null;
    }

    private static string Quote(string value) => $"\"{Clip(value)}\"";

    private static string Clip(string value)
    {
        const int MaxQuotedLength = 60;
        return value.Length <= MaxQuotedLength ? value : value[..MaxQuotedLength] + "...";
    }
}
