namespace SuperTune.Inference;

/// <summary>Keys of the metadata_props that <c>supertune export</c> writes into model.onnx.</summary>
public static class OnnxMetadataKeys
{
    /// <summary>Task of the head: "classify" or "entities" (<see cref="OnnxModelTasks"/>), or "retrieval".</summary>
    public const string Task = "supertune.task";

    /// <summary>JSON array of the label names in class order. Required.</summary>
    public const string Labels = "supertune.labels";

    /// <summary>JSON object from class index to label name, as in config.json. Not read: labels is used.</summary>
    public const string Id2Label = "supertune.id2label";

    /// <summary>Pooling of the encoder output: "mean" or "cls".</summary>
    public const string Pooling = "supertune.pooling";

    /// <summary>Token limit per text as a decimal integer, [CLS] and [SEP] included. Required.</summary>
    public const string MaxLength = "supertune.max_length";

    /// <summary>Where the pretrained encoder came from.</summary>
    public const string BaseModel = "supertune.base_model";

    /// <summary>Softmax temperature as a decimal number; "1" when absent.</summary>
    public const string Temperature = "supertune.temperature";

    /// <summary>Export time in ISO 8601.</summary>
    public const string ExportedAt = "supertune.exported_at";

    /// <summary>The training run's metrics.json, as JSON text.</summary>
    public const string Metrics = "supertune.metrics";

    /// <summary>The out-of-scope rule as JSON, as under <c>supertune.out_of_scope</c> in config.json.</summary>
    public const string OutOfScope = "supertune.out_of_scope";
}
