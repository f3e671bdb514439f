using System.Text.Json;
using System.Text.Json.Serialization;

namespace SuperTune.Core.Tokenization;

/// <summary>
/// Normalization flags and special tokens of a BERT WordPiece tokenizer, as Hugging Face stores them in
/// <c>tokenizer_config.json</c>.
/// </summary>
public sealed record TokenizerSettings
{
    public const string FileName = "tokenizer_config.json";

    [JsonPropertyName("tokenizer_class")] public string TokenizerClass { get; init; } = "BertTokenizer";
    [JsonPropertyName("do_lower_case")] public bool DoLowerCase { get; init; } = true;

    /// <summary>Null follows <see cref="DoLowerCase"/>, as transformers' BertTokenizer does.</summary>
    [JsonPropertyName("strip_accents")] public bool? StripAccents { get; init; }

    [JsonPropertyName("tokenize_chinese_chars")] public bool TokenizeChineseChars { get; init; } = true;
    [JsonPropertyName("model_max_length")] public long ModelMaxLength { get; init; } = 512;
    [JsonPropertyName("cls_token")] public string ClsToken { get; init; } = "[CLS]";
    [JsonPropertyName("sep_token")] public string SepToken { get; init; } = "[SEP]";
    [JsonPropertyName("pad_token")] public string PadToken { get; init; } = "[PAD]";
    [JsonPropertyName("unk_token")] public string UnkToken { get; init; } = "[UNK]";
    [JsonPropertyName("mask_token")] public string MaskToken { get; init; } = "[MASK]";

    /// <summary>Whether accents are removed after NFD decomposition.</summary>
    [JsonIgnore] public bool ShouldStripAccents => StripAccents ?? DoLowerCase;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Reads <paramref name="path"/>; a missing file gives the uncased BERT defaults.</summary>
    public static TokenizerSettings Load(string path)
    {
        if (!File.Exists(path)) return new TokenizerSettings();
        try
        {
            return JsonSerializer.Deserialize<TokenizerSettings>(File.ReadAllText(path), JsonOptions)
                ?? new TokenizerSettings();
        }
        catch (JsonException e)
        {
            throw new SuperTuneException($"{path}: invalid tokenizer configuration: {e.Message}",
                "Fix the JSON or delete the file to use the uncased BERT defaults.");
        }
    }

    /// <summary>Writes the settings in the form transformers reads.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));
}
