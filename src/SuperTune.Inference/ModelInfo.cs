using SuperTune.Core.OutOfScope;

namespace SuperTune.Inference;

/// <summary>Description of an exported classifier or entity tagger, read from the metadata of its model.onnx.</summary>
public sealed record ModelInfo
{
    /// <summary>Name of the model folder, which identifies the model in logs and HTTP responses.</summary>
    public required string Name { get; init; }

    /// <summary>Full path of the model folder.</summary>
    public required string Folder { get; init; }

    /// <summary>Task of the head (<c>supertune.task</c>): "classify" or "entities", as <see cref="OnnxModelTasks"/>.</summary>
    public required string Task { get; init; }

    /// <summary>Label names in class-index order (<c>supertune.labels</c>); the BIO tags for a tagger.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Token limit per text, [CLS] and [SEP] included (<c>supertune.max_length</c>).</summary>
    public required int MaxLength { get; init; }

    /// <summary>Divisor of the logits before the softmax (<c>supertune.temperature</c>, default 1).</summary>
    public float Temperature { get; init; } = 1;

    /// <summary>"mean" or "cls" (<c>supertune.pooling</c>), or null when the export did not record it.</summary>
    public string? Pooling { get; init; }

    /// <summary>The pretrained encoder that was fine-tuned (<c>supertune.base_model</c>), when recorded.</summary>
    public string? BaseModel { get; init; }

    /// <summary>When the model was exported (<c>supertune.exported_at</c>), when recorded.</summary>
    public DateTimeOffset? ExportedAt { get; init; }

    /// <summary>The training run's metrics.json as JSON text (<c>supertune.metrics</c>), when recorded.</summary>
    public string? MetricsJson { get; init; }

    /// <summary>The out-of-scope rule (<c>supertune.out_of_scope</c>), or null when the model accepts every text.</summary>
    public OutOfScopeSettings? OutOfScope { get; init; }
}
