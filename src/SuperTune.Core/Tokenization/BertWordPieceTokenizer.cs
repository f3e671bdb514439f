using Microsoft.ML.Tokenizers;

namespace SuperTune.Core.Tokenization;

/// <summary>
/// BERT WordPiece tokenization with a checkpoint's own vocabulary and normalization flags, on
/// Microsoft.ML.Tokenizers' BertTokenizer. Special-token strings inside a text are tokenized as plain text.
/// </summary>
public sealed class BertWordPieceTokenizer
{
    public const string VocabularyFileName = "vocab.txt";

    private readonly BertTokenizer tokenizer;
    private readonly string[] vocabulary;

    private BertWordPieceTokenizer(string[] vocabulary, TokenizerSettings settings, string source)
    {
        this.vocabulary = vocabulary;
        Settings = settings;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Length; i++) ids.TryAdd(vocabulary[i], i);

        int Require(string token) => ids.TryGetValue(token, out var id)
            ? id
            : throw new SuperTuneException($"{source}: the vocabulary lacks the special token {token}.");
        PadId = Require(settings.PadToken);
        ClsId = Require(settings.ClsToken);
        SepId = Require(settings.SepToken);
        UnkId = Require(settings.UnkToken);

        var options = new BertOptions
        {
            LowerCaseBeforeTokenization = settings.DoLowerCase,
            RemoveNonSpacingMarks = settings.ShouldStripAccents,
            IndividuallyTokenizeCjk = settings.TokenizeChineseChars,
            ApplyBasicTokenization = true,

            // "[SEP]" typed by a customer is text, not a separator.
            SplitOnSpecialTokens = false,
            UnknownToken = settings.UnkToken,
            SeparatorToken = settings.SepToken,
            PaddingToken = settings.PadToken,
            ClassificationToken = settings.ClsToken,
            MaskingToken = settings.MaskToken,
        };
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', vocabulary) + "\n"));
        tokenizer = BertTokenizer.Create(stream, options);
    }

    public TokenizerSettings Settings { get; }

    public int VocabularySize => vocabulary.Length;

    public int PadId { get; }

    public int ClsId { get; }

    public int SepId { get; }

    public int UnkId { get; }

    /// <summary>Reads vocab.txt and the optional tokenizer_config.json of a Hugging Face model folder.</summary>
    public static BertWordPieceTokenizer FromFolder(string folder)
    {
        var vocabularyPath = Path.Combine(folder, VocabularyFileName);
        if (!File.Exists(vocabularyPath))
        {
            throw new SuperTuneException($"{folder}: {VocabularyFileName} not found.",
                "A BERT model folder needs the WordPiece vocabulary its checkpoint was trained with.");
        }

        using var stream = File.OpenRead(vocabularyPath);
        return FromVocabulary(stream, TokenizerSettings.Load(Path.Combine(folder, TokenizerSettings.FileName)),
            vocabularyPath);
    }

    /// <summary>Reads a vocabulary with one token per line, the line index being the id.</summary>
    public static BertWordPieceTokenizer FromVocabulary(Stream vocabulary, TokenizerSettings settings,
        string source = "vocabulary")
    {
        using var reader = new StreamReader(vocabulary, System.Text.Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) throw new SuperTuneException($"{source}: the vocabulary is empty.");
        return new BertWordPieceTokenizer(lines.ToArray(), settings, source);
    }

    /// <summary>
    /// Encodes <paramref name="text"/> as [CLS] pieces [SEP], keeping at most <paramref name="maxLength"/> ids
    /// by dropping word pieces from the end.
    /// </summary>
    public EncodedText Encode(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var pieces = tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true,
            considerNormalization: true);
        var kept = Math.Min(pieces.Count, maxLength - 2);
        var ids = new int[kept + 2];
        ids[0] = ClsId;
        for (var i = 0; i < kept; i++) ids[i + 1] = pieces[i];
        ids[^1] = SepId;
        return new EncodedText(ids, kept < pieces.Count, pieces.Count);
    }

    /// <summary>Returns the token strings of <paramref name="ids"/>, for tests and debugging.</summary>
    public IReadOnlyList<string> TokensOf(IEnumerable<int> ids) => ids.Select(id => vocabulary[id]).ToList();

    /// <summary>Writes vocab.txt and tokenizer_config.json into <paramref name="folder"/>.</summary>
    public void SaveTo(string folder)
    {
        File.WriteAllLines(Path.Combine(folder, VocabularyFileName), vocabulary);
        Settings.Save(Path.Combine(folder, TokenizerSettings.FileName));
    }
}
