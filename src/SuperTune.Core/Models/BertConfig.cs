using System.Text.Json;
using System.Text.Json.Serialization;

namespace SuperTune.Core.Models;

/// <summary>
/// Hyperparameters of a BERT encoder and its task head, with the field names and defaults of Hugging Face's
/// <c>BertConfig</c>, so <c>config.json</c> reads the same in SuperTune and in transformers.
/// </summary>
public sealed record BertConfig
{
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "bert";
    [JsonPropertyName("architectures")] public IReadOnlyList<string>? Architectures { get; init; }
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 30522;
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; } = 768;
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; } = 12;
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; } = 12;
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; } = 3072;
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "gelu";
    [JsonPropertyName("hidden_dropout_prob")] public double HiddenDropoutProb { get; init; } = 0.1;

    [JsonPropertyName("attention_probs_dropout_prob")]
    public double AttentionProbsDropoutProb { get; init; } = 0.1;

    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; } = 512;
    [JsonPropertyName("type_vocab_size")] public int TypeVocabSize { get; init; } = 2;
    [JsonPropertyName("initializer_range")] public double InitializerRange { get; init; } = 0.02;
    [JsonPropertyName("layer_norm_eps")] public double LayerNormEps { get; init; } = 1e-12;
    [JsonPropertyName("pad_token_id")] public int PadTokenId { get; init; }

    /// <summary>Label names by class index, with string keys ("0", "1", ...) as transformers writes them.</summary>
    [JsonPropertyName("id2label")] public IReadOnlyDictionary<string, string>? Id2Label { get; init; }

    [JsonPropertyName("label2id")] public IReadOnlyDictionary<string, int>? Label2Id { get; init; }

    /// <summary>"single_label_classification" for intent routing; transformers uses it to pick the loss.</summary>
    [JsonPropertyName("problem_type")] public string? ProblemType { get; init; }

    /// <summary>SuperTune's own settings; transformers keeps unknown keys and ignores them.</summary>
    [JsonPropertyName("supertune")] public SuperTuneModelSettings? SuperTune { get; init; }

    /// <summary>Size of one attention head: hidden size over head count.</summary>
    [JsonIgnore] public int HeadSize => HiddenSize / NumAttentionHeads;

    /// <summary>
    /// Token limit per text, [CLS] and [SEP] included, that an export records and an entity tagger predicts with:
    /// <c>supertune.max_length</c>, or <c>max_position_embeddings</c> without a <c>supertune</c> section.
    /// </summary>
    [JsonIgnore] public int PredictionMaxLength => SuperTune?.MaxLength ?? MaxPositionEmbeddings;

    /// <summary>Number of classes of the task head: the size of <see cref="Id2Label"/>, or 0 without a head.</summary>
    [JsonIgnore] public int NumLabels => Id2Label?.Count ?? 0;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads a <c>config.json</c>; a missing or malformed file raises an error naming it.</summary>
    public static BertConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SuperTuneException($"Model configuration not found: {path}.",
                "A model folder needs config.json, model.safetensors and vocab.txt.");
        }

        BertConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<BertConfig>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new SuperTuneException(
                $"{path}: invalid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {e.Message}");
        }

        if (config is null)
        {
            throw new SuperTuneException($"{path}: the file contains null instead of a configuration object.");
        }

        config.Validate(path);
        return config;
    }

    /// <summary>Writes the configuration as indented JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>Checks the fields that the encoder needs and reports every problem at once.</summary>
    public void Validate(string source)
    {
        var problems = new List<string>();
        if (ModelType is not ("bert" or "")) problems.Add($"model_type is \"{ModelType}\", expected \"bert\"");
        if (HiddenSize <= 0) problems.Add($"hidden_size must be positive, got {HiddenSize}");
        if (NumAttentionHeads <= 0 || HiddenSize % Math.Max(NumAttentionHeads, 1) != 0)
        {
            problems.Add($"hidden_size {HiddenSize} is not a multiple of num_attention_heads {NumAttentionHeads}");
        }

        if (NumHiddenLayers <= 0) problems.Add($"num_hidden_layers must be positive, got {NumHiddenLayers}");
        if (IntermediateSize <= 0) problems.Add($"intermediate_size must be positive, got {IntermediateSize}");
        if (VocabSize <= 0) problems.Add($"vocab_size must be positive, got {VocabSize}");
        if (MaxPositionEmbeddings <= 0) problems.Add($"max_position_embeddings must be positive");
        if (HiddenAct is not ("gelu" or "gelu_new" or "relu"))
        {
            problems.Add($"hidden_act \"{HiddenAct}\" is not supported; use gelu, gelu_new or relu");
        }

        if (Id2Label is not null)
        {
            for (var i = 0; i < Id2Label.Count; i++)
            {
                if (!Id2Label.ContainsKey(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    problems.Add($"id2label has {Id2Label.Count} entries but no key \"{i}\"");
                    break;
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new SuperTuneException($"{source}: unsupported BERT configuration: {string.Join("; ", problems)}.");
        }
    }

    /// <summary>Returns the label names in class-index order.</summary>
    public IReadOnlyList<string> LabelsInOrder()
    {
        if (Id2Label is null) return [];
        return Enumerable.Range(0, Id2Label.Count)
            .Select(i => Id2Label[i.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .ToList();
    }

    /// <summary>Returns a copy with a head for <paramref name="labels"/>, in that class order.</summary>
    public BertConfig WithLabels(IReadOnlyList<string> labels) => this with
    {
        Id2Label = labels.Select((label, i) => (label, i))
            .ToDictionary(p => p.i.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.label),
        Label2Id = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i),
        ProblemType = "single_label_classification",
        Architectures = ["BertForSequenceClassification"],
    };

    /// <summary>
    /// Returns a copy with a token classification head over the BIO <paramref name="tags"/>, in that order, as
    /// transformers' BertForTokenClassification reads it.
    /// </summary>
    public BertConfig WithTokenLabels(IReadOnlyList<string> tags) => WithLabels(tags) with
    {
        ProblemType = null,
        Architectures = [TokenClassificationArchitecture],
    };

    /// <summary>The <c>architectures</c> entry of an entity tagger.</summary>
    public const string TokenClassificationArchitecture = "BertForTokenClassification";

    /// <summary>Whether <c>architectures</c> names a token classification head.</summary>
    [JsonIgnore]
    public bool IsTokenClassifier => Architectures?.Contains(TokenClassificationArchitecture) == true;
}
