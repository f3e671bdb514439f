namespace SuperTune.Export;

/// <summary>
/// Names and versions of the ONNX graph that <see cref="OnnxExporter"/> writes, for the code that runs it.
/// </summary>
/// <remarks>
/// The three inputs are int64 tensors of shape (batch, sequence), with the symbolic dimensions named
/// <see cref="BatchDimension"/> and <see cref="SequenceDimension"/>. A classifier's only output is
/// <see cref="Logits"/>, float32 of shape (batch, labels), before softmax and before any temperature is applied. An
/// entity tagger (task <see cref="EntitiesTask"/>) outputs <see cref="Logits"/> of shape (batch, sequence, labels),
/// one row per token, with the BIO tags as labels. The sequence may not be longer than the model's
/// <c>max_position_embeddings</c>.
/// </remarks>
public static class OnnxModelContract
{
    /// <summary>The default file name of the graph inside a model folder.</summary>
    public const string FileName = "model.onnx";

    /// <summary>The ONNX opset version of the default domain.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version of the file.</summary>
    public const long IrVersion = 8;

    /// <summary>The <c>producer_name</c> of the file.</summary>
    public const string ProducerName = "SuperTune";

    /// <summary>Token ids from vocab.txt, padded with the [PAD] id.</summary>
    public const string InputIds = "input_ids";

    /// <summary>1 for real tokens, 0 for padding.</summary>
    public const string AttentionMask = "attention_mask";

    /// <summary>Segment ids, all 0 for single-text classification.</summary>
    public const string TokenTypeIds = "token_type_ids";

    /// <summary>
    /// The unnormalized class scores, one column per label in class order: (batch, labels) for a classifier and
    /// (batch, sequence, labels) for an entity tagger.
    /// </summary>
    public const string Logits = "logits";

    /// <summary>
    /// The output of a retrieval model instead of <see cref="Logits"/>: float32 (batch, hidden), mean-pooled and
    /// L2-normalised, so a dot product is a cosine similarity.
    /// </summary>
    public const string SentenceEmbedding = "sentence_embedding";

    /// <summary>The symbolic name of the batch dimension.</summary>
    public const string BatchDimension = "batch";

    /// <summary>The symbolic name of the sequence dimension.</summary>
    public const string SequenceDimension = "sequence";

    /// <summary>
    /// Metadata key: the task of the model, <see cref="ClassifyTask"/>, <see cref="EntitiesTask"/> or "retrieval".
    /// </summary>
    public const string TaskKey = "supertune.task";

    /// <summary>The <see cref="TaskKey"/> of a text classifier.</summary>
    public const string ClassifyTask = "classify";

    /// <summary>
    /// The <see cref="TaskKey"/> of an entity tagger (BertForTokenClassification). Its labels are the BIO tags:
    /// <c>O</c>, then <c>B-type</c> and <c>I-type</c> for each entity type.
    /// </summary>
    public const string EntitiesTask = "entities";

    /// <summary>Metadata key: a JSON array of the label names in class order; the BIO tags for a tagger.</summary>
    public const string LabelsKey = "supertune.labels";

    /// <summary>Metadata key: a JSON object from class index ("0", "1", ...) to label name, as in config.json.
    /// </summary>
    public const string Id2LabelKey = "supertune.id2label";

    /// <summary>Metadata key: "mean" or "cls", the pooling built into the graph. Absent for an entity tagger.</summary>
    public const string PoolingKey = "supertune.pooling";

    /// <summary>
    /// Metadata key: the token limit used in training, [CLS] and [SEP] included, as a decimal number. A config.json
    /// without a <c>supertune</c> section gives <c>max_position_embeddings</c>.
    /// </summary>
    public const string MaxLengthKey = "supertune.max_length";

    /// <summary>Metadata key: where the pretrained encoder came from, or "" without supertune.base_model.</summary>
    public const string BaseModelKey = "supertune.base_model";

    /// <summary>
    /// Metadata key: the softmax temperature to divide the logits by, as a decimal number. It is config.json's
    /// <c>supertune.temperature</c>, or "1" when that is absent.
    /// </summary>
    public const string TemperatureKey = "supertune.temperature";

    /// <summary>Metadata key: the export time, ISO 8601 in UTC (<c>2025-01-31T12:00:00Z</c>).</summary>
    public const string ExportedAtKey = "supertune.exported_at";

    /// <summary>Metadata key: the folder's metrics.json without whitespace. Absent when the folder has none.</summary>
    public const string MetricsKey = "supertune.metrics";

    /// <summary>
    /// Metadata key: config.json's <c>supertune.out_of_scope</c> rule as compact JSON. Absent when the model has none.
    /// </summary>
    public const string OutOfScopeKey = "supertune.out_of_scope";
}
