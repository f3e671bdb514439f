using System.Text.Json;
using System.Text.Json.Serialization;
using SuperTune.Inference;
using SuperTune.Server.Hosting;

namespace SuperTune.Server.Api;

/// <summary>A served model as <c>GET /v1/models</c> and <c>POST /v1/models/reload</c> describe it.</summary>
internal sealed record ModelJson
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("task")] public required string Task { get; init; }
    [JsonPropertyName("labels")] public required IReadOnlyList<string> Labels { get; init; }
    [JsonPropertyName("base_model")] public string? BaseModel { get; init; }
    [JsonPropertyName("pooling")] public string? Pooling { get; init; }
    [JsonPropertyName("max_length")] public required int MaxLength { get; init; }
    [JsonPropertyName("temperature")] public required float Temperature { get; init; }
    [JsonPropertyName("exported_at")] public DateTimeOffset? ExportedAt { get; init; }
    [JsonPropertyName("loaded_at")] public required DateTimeOffset LoadedAt { get; init; }

    /// <summary>The training run's metrics.json, as the export recorded it.</summary>
    [JsonPropertyName("metrics")] public JsonElement? Metrics { get; init; }

    public static ModelJson From(LoadedModel model) => From(model.Classifier.Info, model.LoadedAt);

    /// <summary>Describes a model from its metadata and the time it was loaded.</summary>
    public static ModelJson From(ModelInfo info, DateTimeOffset loadedAt)
    {
        JsonElement? metrics = null;
        if (info.MetricsJson is not null)
        {
            using JsonDocument document = JsonDocument.Parse(info.MetricsJson);
            metrics = document.RootElement.Clone();
        }

        return new ModelJson
        {
            Name = info.Name,
            Task = info.Task,
            Labels = info.Labels,
            BaseModel = info.BaseModel,
            Pooling = info.Pooling,
            MaxLength = info.MaxLength,
            Temperature = info.Temperature,
            ExportedAt = info.ExportedAt,
            LoadedAt = loadedAt,
            Metrics = metrics,
        };
    }
}
