using Microsoft.ML.Tokenizers;

namespace SuperTune.Core.Tokenization;

/// <summary>
/// BERT WordPiece tokenizer built from a checkpoint's vocab.txt and tokenizer_config.json, giving the same
/// ids as Hugging Face's BertTokenizer except that special token text in the input stays literal text.
/// </summary>
/// <remarks>
/// Basic tokenization (clean-up, lowercasing, accent stripping, splitting) runs in <see cref="BasicTokenizer"/>,
/// and Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/> does the WordPiece step only. The library's own
/// basic tokenization differs from Hugging Face's in version 3.0.0: it joins words across tabs and line
/// breaks, drops symbols such as <c>$</c>, keeps <c>_</c> inside words, and strips no accents when
/// globalization invariant mode is on. Encode may be called from several threads at once because neither
/// this class nor the library's WordPiece step keeps state between calls, and a test checks it.
/// </remarks>
public sealed class BertWordPieceTokenizer
{
    /// <summary>File name of the vocabulary in a Hugging Face model folder.</summary>
    public const string VocabularyFileName = "vocab.txt";

    // The library counts a word's length in UTF-16 units. BasicTokenizer has already replaced every word
    // over 100 code points, so this limit only has to let 100 code points of two units each through.
    private const int LibraryMaxCharsPerWord = 2 * BasicTokenizer.MaxCharsPerWord;

    private readonly WordPieceVocabulary _vocabulary;
    private readonly BasicTokenizer _basicTokenizer;
    private readonly BertTokenizer _wordPiece;

    private BertWordPieceTokenizer(WordPieceVocabulary vocabulary, TokenizerSettings settings)
    {
        _vocabulary = vocabulary;
        Settings = settings;
        ClsId = RequireId(vocabulary, "cls_token", settings.ClsToken);
        SepId = RequireId(vocabulary, "sep_token", settings.SepToken);
        PadId = RequireId(vocabulary, "pad_token", settings.PadToken);
        UnkId = RequireId(vocabulary, "unk_token", settings.UnkToken);
        MaskId = RequireId(vocabulary, "mask_token", settings.MaskToken);

        _basicTokenizer = new BasicTokenizer(
            settings.DoLowerCase, settings.ShouldStripAccents, settings.TokenizeChineseChars, settings.UnkToken);

        var options = new BertOptions
        {
            ApplyBasicTokenization = false,
            SplitOnSpecialTokens = false,
            LowerCaseBeforeTokenization = false,
            UnknownToken = settings.UnkToken,
            ClassificationToken = settings.ClsToken,
            SeparatorToken = settings.SepToken,
            PaddingToken = settings.PadToken,
            MaskingToken = settings.MaskToken,
            MaxInputCharsPerWord = LibraryMaxCharsPerWord,
        };
        using MemoryStream libraryVocabulary = vocabulary.ToLibraryStream();
        _wordPiece = BertTokenizer.Create(libraryVocabulary, options);
    }

    /// <summary>The normalization flags, special tokens and maximum length in use.</summary>
    public TokenizerSettings Settings { get; }

    /// <summary>Number of lines of vocab.txt, which is the largest id plus one.</summary>
    public int VocabularySize => _vocabulary.Tokens.Count;

    /// <summary>Id of <see cref="TokenizerSettings.PadToken"/>.</summary>
    public int PadId { get; }

    /// <summary>Id of <see cref="TokenizerSettings.ClsToken"/>, the first id of every encoded text.</summary>
    public int ClsId { get; }

    /// <summary>Id of <see cref="TokenizerSettings.SepToken"/>, the last id of every encoded text.</summary>
    public int SepId { get; }

    /// <summary>Id of <see cref="TokenizerSettings.UnkToken"/>.</summary>
    public int UnkId { get; }

    /// <summary>Id of <see cref="TokenizerSettings.MaskToken"/>.</summary>
    public int MaskId { get; }

    /// <summary>
    /// Creates a tokenizer from a Hugging Face model folder: vocab.txt is required, and tokenizer_config.json
    /// is read when present (its defaults are those of bert-base-uncased).
    /// </summary>
    /// <exception cref="SuperTuneException">
    /// The folder or its vocab.txt is missing or unreadable, the settings are invalid, or a special token is
    /// not in the vocabulary.
    /// </exception>
    public static BertWordPieceTokenizer FromFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new SuperTuneException($"Model folder '{folder}' was not found.",
                "Pass the folder of a Hugging Face BERT checkpoint, the one that contains vocab.txt.");
        }

        string vocabularyPath = Path.Combine(folder, VocabularyFileName);
        if (!File.Exists(vocabularyPath))
        {
            throw new SuperTuneException($"Model folder '{folder}' has no {VocabularyFileName}.",
                $"The tokenizer reads its WordPiece vocabulary from {vocabularyPath}. A folder with only "
                + "tokenizer.json is not supported; copy vocab.txt from the checkpoint into the folder.");
        }

        TokenizerSettings settings = TokenizerSettings.Load(Path.Combine(folder, TokenizerSettings.FileName));
        try
        {
            using FileStream stream = File.OpenRead(vocabularyPath);
            return Create(stream, settings, vocabularyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SuperTuneException($"{vocabularyPath}: failed to read the vocabulary: {e.Message}",
                "Check that the file is readable.", e);
        }
    }

    /// <summary>
    /// Creates a tokenizer from a vocabulary stored elsewhere, such as an embedded resource. The stream is
    /// read from its current position to the end and is not closed.
    /// </summary>
    /// <exception cref="SuperTuneException">
    /// The vocabulary is empty or not UTF-8, the settings are invalid, or a special token is not in it.
    /// </exception>
    public static BertWordPieceTokenizer FromVocabulary(Stream vocab, TokenizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        ArgumentNullException.ThrowIfNull(settings);
        return Create(vocab, settings, "vocabulary stream");
    }

    /// <summary>
    /// Encodes <paramref name="text"/> as <c>[CLS]</c>, its word pieces and <c>[SEP]</c>, dropping the last
    /// pieces if needed so that at most <paramref name="maxLength"/> ids remain. Any string can be encoded:
    /// text with nothing left after clean-up, such as "" or control characters only, gives <c>[CLS] [SEP]</c>.
    /// Text such as "[SEP]" is encoded as the pieces "[", "sep", "]" and never as a special token.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 2.</exception>
    public EncodedText Encode(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);

        IReadOnlyList<int> pieces = EncodeWordPieces(text);
        int keptPieces = Math.Min(pieces.Count, maxLength - 2);
        var inputIds = new int[keptPieces + 2];
        inputIds[0] = ClsId;
        for (int i = 0; i < keptPieces; i++)
        {
            inputIds[i + 1] = ReplaceSpecialId(pieces[i]);
        }

        inputIds[keptPieces + 1] = SepId;
        return new EncodedText(inputIds, Truncated: keptPieces < pieces.Count, TokenCount: pieces.Count);
    }

    /// <summary>Encodes each text as <see cref="Encode"/> does, in order.</summary>
    /// <exception cref="ArgumentException">An element of <paramref name="texts"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 2.</exception>
    public IReadOnlyList<EncodedText> EncodeBatch(IReadOnlyList<string> texts, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);

        var encoded = new EncodedText[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            string text = texts[i] ?? throw new ArgumentException($"texts[{i}] is null.", nameof(texts));
            encoded[i] = Encode(text, maxLength);
        }

        return encoded;
    }

    /// <summary>
    /// Encodes <paramref name="text"/> as <see cref="Encode"/> does and also returns, for every piece, the
    /// UTF-16 range of <paramref name="text"/> it came from. The words are those of basic tokenization: runs
    /// of characters between whitespace, with each punctuation mark and CJK ideograph a word of its own.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 2.</exception>
    public EncodedWords EncodeWithOffsets(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);

        var pieces = new List<PieceWithOffset>();
        AppendPieces(text, 0, text.Length, wordIndex: -1, pieces);
        return Assemble(pieces, maxLength);
    }

    /// <summary>
    /// Encodes the given words of <paramref name="text"/> one at a time, in order, so that every piece belongs
    /// to exactly one of them. Characters outside the words are skipped. A word that tokenization removes
    /// entirely, such as a lone zero-width space, has no pieces.
    /// </summary>
    /// <exception cref="ArgumentException">A word lies outside the text or before the previous word.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 2.</exception>
    public EncodedWords EncodeWords(string text, IReadOnlyList<TextRange> words, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);

        var pieces = new List<PieceWithOffset>();
        int previousEnd = 0;
        for (int i = 0; i < words.Count; i++)
        {
            TextRange word = words[i];
            if (word.Start < previousEnd || word.End < word.Start || word.End > text.Length)
            {
                throw new ArgumentException(
                    $"words[{i}] = {word} lies outside the text of {text.Length} characters or overlaps the "
                    + "previous word.", nameof(words));
            }

            AppendPieces(text, word.Start, word.End, i, pieces);
            previousEnd = word.End;
        }

        return Assemble(pieces, maxLength);
    }

    /// <summary>
    /// Writes vocab.txt (every token in id order, one a line, ending in \n) and tokenizer_config.json into
    /// <paramref name="folder"/>, creating it if needed, so that <see cref="FromFolder"/> and Hugging Face
    /// transformers load the same tokenizer from it.
    /// </summary>
    /// <exception cref="SuperTuneException">A file cannot be written.</exception>
    public void SaveTo(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string vocabularyPath = Path.Combine(folder, VocabularyFileName);
        string temporaryPath = vocabularyPath + ".tmp";
        try
        {
            Directory.CreateDirectory(folder);
            using (FileStream stream = File.Create(temporaryPath))
            {
                _vocabulary.WriteTo(stream);
            }

            File.Move(temporaryPath, vocabularyPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SuperTuneException($"{vocabularyPath}: failed to write the vocabulary: {e.Message}",
                "Check that the folder is writable and the disk is not full.", e);
        }

        Settings.Save(Path.Combine(folder, TokenizerSettings.FileName));
    }

    private static BertWordPieceTokenizer Create(Stream vocab, TokenizerSettings settings, string source)
    {
        IReadOnlyList<string> problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new SuperTuneException($"Invalid tokenizer settings for {source}: {string.Join(" ", problems)}",
                "Fix tokenizer_config.json, or the settings passed in code.");
        }

        return new BertWordPieceTokenizer(WordPieceVocabulary.Read(vocab, source), settings);
    }

    private static int RequireId(WordPieceVocabulary vocabulary, string key, string token)
    {
        int id = vocabulary.IdOf(token);
        if (id < 0)
        {
            throw new SuperTuneException($"{vocabulary.Source}: {key} '{token}' is not in the vocabulary.",
                "Every special token of tokenizer_config.json must be a line of vocab.txt. Use the vocab.txt "
                + "that came with the checkpoint, or set the token that its vocabulary uses.");
        }

        return id;
    }

    // NOTE: the library's WordPiece step tries every prefix of the rest of a word, longest first, so its
    // cost grows with the cube of the word length. A scratch benchmark on a 2-core machine took 20 to 40 s
    // for 10 MB of random 100-letter words, and under 1 s for 10 MB of prose. Cap untrusted input.
    private IReadOnlyList<int> EncodeWordPieces(string text)
    {
        using var words = new PooledCharBuffer(text.Length + 16);
        _basicTokenizer.Split(text, words);
        if (words.Length == 0)
        {
            return [];
        }

        return _wordPiece.EncodeToIds(
            words.AsSpan(), addSpecialTokens: false, considerPreTokenization: true, considerNormalization: false);
    }

    // Appends the pieces of text[start..end] with their offsets in text. Without a word index, each basic
    // tokenization word gets the next index. Words are separated by one space in the buffer, and the
    // library's pre-tokenization splits there, so a piece right after a space starts a word.
    private void AppendPieces(string text, int start, int end, int wordIndex, List<PieceWithOffset> pieces)
    {
        ReadOnlySpan<char> part = text.AsSpan(start, end - start);
        using var words = new PooledCharBuffer(part.Length + 16);
        var sources = new SourceMap();
        _basicTokenizer.Split(part, words, sources);
        if (words.Length == 0)
        {
            return;
        }

        IReadOnlyList<EncodedToken> tokens = _wordPiece.EncodeToTokens(
            words.AsSpan(), out _, considerPreTokenization: true, considerNormalization: false);
        int basicWord = -1;
        foreach (EncodedToken token in tokens)
        {
            (int offset, int length) = token.Offset.GetOffsetAndLength(words.Length);
            int pieceStart = start + sources.StartAt(offset);
            int pieceEnd = start + sources.EndAt(offset + length - 1);
            if (offset == 0 || words.AsSpan()[offset - 1] == ' ')
            {
                basicWord++;
            }

            pieces.Add(new PieceWithOffset(ReplaceSpecialId(token.Id), wordIndex >= 0 ? wordIndex : basicWord,
                new TextRange(pieceStart, pieceEnd)));
        }
    }

    private EncodedWords Assemble(List<PieceWithOffset> pieces, int maxLength)
    {
        int keptPieces = Math.Min(pieces.Count, maxLength - 2);
        var inputIds = new int[keptPieces + 2];
        var wordIndices = new int[keptPieces + 2];
        var offsets = new TextRange[keptPieces + 2];
        inputIds[0] = ClsId;
        wordIndices[0] = -1;
        for (int i = 0; i < keptPieces; i++)
        {
            inputIds[i + 1] = pieces[i].Id;
            wordIndices[i + 1] = pieces[i].WordIndex;
            offsets[i + 1] = pieces[i].Range;
        }

        inputIds[keptPieces + 1] = SepId;
        wordIndices[keptPieces + 1] = -1;
        return new EncodedWords(inputIds, wordIndices, offsets, keptPieces < pieces.Count, pieces.Count);
    }

    // Punctuation is split off before WordPiece, so a piece equals a special token only when that token
    // has no punctuation (the default ones are all in brackets). Such a piece becomes the unknown token,
    // so that no input text can produce [CLS], [SEP], [PAD] or [MASK].
    private int ReplaceSpecialId(int id) =>
        id != UnkId && (id == ClsId || id == SepId || id == PadId || id == MaskId) ? UnkId : id;

    private readonly record struct PieceWithOffset(int Id, int WordIndex, TextRange Range);
}
