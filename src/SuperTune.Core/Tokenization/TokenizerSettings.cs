namespace SuperTune.Core.Tokenization;

/// <summary>
/// Tokenizer options of a BERT checkpoint, with the names and defaults of the tokenizer_config.json that
/// Hugging Face's BertTokenizer reads and writes.
/// </summary>
public sealed record TokenizerSettings
{
    /// <summary>File name of the settings in a Hugging Face model folder.</summary>
    public const string FileName = "tokenizer_config.json";

    /// <summary>Whether text is lowercased before WordPiece (<c>do_lower_case</c>, default true).</summary>
    public bool DoLowerCase { get; init; } = true;

    /// <summary>
    /// Whether accents are removed (<c>strip_accents</c>): "é" becomes "e". Null, the default, strips them
    /// exactly when <see cref="DoLowerCase"/> is true, as Hugging Face does.
    /// </summary>
    public bool? StripAccents { get; init; }

    /// <summary>
    /// Whether each CJK ideograph is a word of its own (<c>tokenize_chinese_chars</c>, default true).
    /// </summary>
    public bool TokenizeChineseChars { get; init; } = true;

    /// <summary>
    /// Maximum sequence length in tokens, special tokens included, that the model accepts
    /// (<c>model_max_length</c>, default 512). Hugging Face's "no limit" value of 10^30 reads as
    /// <see cref="int.MaxValue"/>.
    /// </summary>
    public int ModelMaxLength { get; init; } = 512;

    /// <summary>Token that starts every sequence (<c>cls_token</c>).</summary>
    public string ClsToken { get; init; } = "[CLS]";

    /// <summary>Token that ends every sequence (<c>sep_token</c>).</summary>
    public string SepToken { get; init; } = "[SEP]";

    /// <summary>Token that fills a sequence up to the batch length (<c>pad_token</c>).</summary>
    public string PadToken { get; init; } = "[PAD]";

    /// <summary>Token for a word that WordPiece cannot split into vocabulary pieces (<c>unk_token</c>).</summary>
    public string UnkToken { get; init; } = "[UNK]";

    /// <summary>Token that hides a word in masked language modelling (<c>mask_token</c>).</summary>
    public string MaskToken { get; init; } = "[MASK]";

    /// <summary>Whether accents are removed once the null default of <see cref="StripAccents"/> is resolved.</summary>
    public bool ShouldStripAccents => StripAccents ?? DoLowerCase;

    /// <summary>
    /// Lists every problem with the settings, empty when they are valid: a <see cref="ModelMaxLength"/>
    /// below 2, or a special token that is empty or contains whitespace.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ModelMaxLength < 2)
        {
            problems.Add(
                $"model_max_length is {ModelMaxLength}, but it must be at least 2 to fit {ClsToken} and {SepToken}.");
        }

        (string Key, string Token)[] specialTokens =
        [
            ("cls_token", ClsToken), ("sep_token", SepToken), ("pad_token", PadToken),
            ("unk_token", UnkToken), ("mask_token", MaskToken),
        ];
        foreach ((string key, string token) in specialTokens)
        {
            if (string.IsNullOrEmpty(token) || token.Any(char.IsWhiteSpace))
            {
                problems.Add($"{key} is \"{token}\", but a special token must be a vocabulary token without spaces.");
            }
        }

        return problems;
    }

    /// <summary>
    /// Reads a tokenizer_config.json. A missing file gives the defaults, as in Hugging Face. Keys that this
    /// record does not model are ignored, <c>never_split</c> included.
    /// </summary>
    /// <exception cref="SuperTuneException">
    /// The file cannot be read, is not valid JSON, has a value of the wrong type, fails
    /// <see cref="Validate"/>, or turns off basic tokenization (<c>do_basic_tokenize: false</c>), which
    /// SuperTune does not support.
    /// </exception>
    public static TokenizerSettings Load(string tokenizerConfigPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenizerConfigPath);
        return File.Exists(tokenizerConfigPath)
            ? TokenizerConfigFile.Read(tokenizerConfigPath)
            : new TokenizerSettings();
    }

    /// <summary>
    /// Writes the settings as a tokenizer_config.json that Hugging Face transformers loads as a
    /// BertTokenizer, creating the folder if needed and replacing an existing file.
    /// </summary>
    /// <exception cref="SuperTuneException">The file cannot be written.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        TokenizerConfigFile.Write(this, path);
    }
}
