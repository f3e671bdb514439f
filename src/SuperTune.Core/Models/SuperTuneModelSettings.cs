using System.Text.Json.Serialization;
using SuperTune.Core.OutOfScope;

namespace SuperTune.Core.Models;

/// <summary>SuperTune's entries in <c>config.json</c>, under the key <c>supertune</c>.</summary>
public sealed record SuperTuneModelSettings
{
    /// <summary>
    /// Task of the model: "classify" (a classification head), "entities" (a BIO token tagger) or "retrieval"
    /// (sentence embeddings).
    /// </summary>
    [JsonPropertyName("task")] public string Task { get; init; } = "classify";

    /// <summary>"mean" (average of token states over the attention mask) or "cls" ([CLS] state through the pooler).</summary>
    [JsonPropertyName("pooling")] public string Pooling { get; init; } = PoolingNames.Mean;

    /// <summary>Token limit used in training, [CLS] and [SEP] included; longer texts are truncated.</summary>
    [JsonPropertyName("max_length")] public int MaxLength { get; init; } = 128;

    /// <summary>Where the pretrained encoder came from: "bundled:all-MiniLM-L6-v2" or a folder path.</summary>
    [JsonPropertyName("base_model")] public string? BaseModel { get; init; }

    /// <summary>Softmax temperature fitted on the validation split, so scores are calibrated probabilities.</summary>
    [JsonPropertyName("temperature")] public double Temperature { get; init; } = 1.0;

    /// <summary>Retrieval settings; null for classifiers.</summary>
    [JsonPropertyName("retrieval")] public RetrievalSettings? Retrieval { get; init; }

    /// <summary>The out-of-scope rule tuned on validation data, or null when the model accepts every text.</summary>
    [JsonPropertyName("out_of_scope")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OutOfScopeSettings? OutOfScope { get; init; }
}
