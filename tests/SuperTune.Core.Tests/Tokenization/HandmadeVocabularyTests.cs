using System.Text;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Tests.Tokenization;

/// <summary>
/// Normalization flags and vocabulary file details, checked with a small vocabulary written here so that
/// cased and uncased tokens can sit side by side.
/// </summary>
public sealed class HandmadeVocabularyTests
{
    private const int Pad = 0, Unk = 1, Cls = 2, Sep = 3, Mask = 4;
    private const int CasedHello = 5, Hello = 6, CasedWorld = 7, World = 8, Bang = 9;
    private const int CasedCaf = 10, Caf = 11, AcuteEPiece = 12, EPiece = 13, Cafe = 14;
    private const int BoldA = 15, BoldAPiece = 16, OpenBracket = 17, CloseBracket = 18, CasedSep = 19;
    private const int Zhong = 20, Wen = 21, ZhongWen = 22, Text = 23;

    private static readonly string[] Lines =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
        "Hello", "hello", "World", "world", "!",
        "Caf", "caf", "##é", "##e", "cafe",
        "𝐀", "##𝐀", "[", "]", "SEP",
        "中", "文", "中文", "text",
    ];

    private static readonly TokenizerSettings Cased = new() { DoLowerCase = false };

    [Fact]
    public void CasedTokenizerKeepsCase()
    {
        BertWordPieceTokenizer tokenizer = Create(Cased);

        EncodedText encoded = tokenizer.Encode("Hello World!", maxLength: 16);

        Assert.Equal([Cls, CasedHello, CasedWorld, Bang, Sep], encoded.InputIds);
    }

    [Fact]
    public void UncasedTokenizerLowercases()
    {
        BertWordPieceTokenizer tokenizer = Create(new TokenizerSettings());

        EncodedText encoded = tokenizer.Encode("Hello World!", maxLength: 16);

        Assert.Equal([Cls, Hello, World, Bang, Sep], encoded.InputIds);
    }

    [Fact]
    public void CasedTokenizerKeepsAccents()
    {
        BertWordPieceTokenizer tokenizer = Create(Cased);

        EncodedText encoded = tokenizer.Encode("Café", maxLength: 16);

        Assert.Equal([Cls, CasedCaf, AcuteEPiece, Sep], encoded.InputIds);
    }

    [Fact]
    public void StripAccentsTrueAppliesWithoutLowercase()
    {
        BertWordPieceTokenizer tokenizer = Create(Cased with { StripAccents = true });

        EncodedText encoded = tokenizer.Encode("Café", maxLength: 16);

        Assert.Equal([Cls, CasedCaf, EPiece, Sep], encoded.InputIds);
    }

    [Fact]
    public void StripAccentsFalseKeepsAccentsWhenLowercasing()
    {
        BertWordPieceTokenizer tokenizer = Create(new TokenizerSettings { StripAccents = false });

        EncodedText encoded = tokenizer.Encode("CAFÉ", maxLength: 16);

        Assert.Equal([Cls, Caf, AcuteEPiece, Sep], encoded.InputIds);
    }

    [Fact]
    public void StripAccentsNullFollowsLowercase()
    {
        BertWordPieceTokenizer tokenizer = Create(new TokenizerSettings { StripAccents = null });

        EncodedText encoded = tokenizer.Encode("CAFÉ", maxLength: 16);

        Assert.Equal([Cls, Cafe, Sep], encoded.InputIds);
    }

    [Fact]
    public void ChineseCharsSplitWhenEnabled()
    {
        BertWordPieceTokenizer split = Create(new TokenizerSettings());
        BertWordPieceTokenizer joined = Create(new TokenizerSettings { TokenizeChineseChars = false });

        EncodedText splitIds = split.Encode("中文", maxLength: 16);
        EncodedText joinedIds = joined.Encode("中文", maxLength: 16);

        Assert.Equal([Cls, Zhong, Wen, Sep], splitIds.InputIds);
        Assert.Equal([Cls, ZhongWen, Sep], joinedIds.InputIds);
    }

    [Fact]
    public void CasedSepTextStaysLiteral()
    {
        BertWordPieceTokenizer tokenizer = Create(Cased);

        EncodedText encoded = tokenizer.Encode("[SEP]", maxLength: 16);

        Assert.Equal([Cls, OpenBracket, CasedSep, CloseBracket, Sep], encoded.InputIds);
    }

    [Fact]
    public void BracketlessSpecialTokenBecomesUnk()
    {
        // With mask_token "text", the word "text" would get the mask id, so the tokenizer writes [UNK].
        BertWordPieceTokenizer tokenizer = Create(new TokenizerSettings { MaskToken = "text" });

        EncodedText encoded = tokenizer.Encode("hello text", maxLength: 16);

        Assert.Equal(Text, tokenizer.MaskId);
        Assert.Equal([Cls, Hello, Unk, Sep], encoded.InputIds);
    }

    [Fact]
    public void WordLimitCountsCodePoints()
    {
        // U+1D400 is two UTF-16 chars, and Hugging Face counts a word's length in code points.
        BertWordPieceTokenizer tokenizer = Create(Cased);
        string hundred = string.Concat(Enumerable.Repeat("𝐀", 100));

        EncodedText atLimit = tokenizer.Encode(hundred, maxLength: 512);
        EncodedText overLimit = tokenizer.Encode(hundred + "𝐀", maxLength: 512);

        Assert.Equal([Cls, BoldA, .. Enumerable.Repeat(BoldAPiece, 99), Sep], atLimit.InputIds);
        Assert.Equal([Cls, Unk, Sep], overLimit.InputIds);
    }

    [Fact]
    public void SpecialIdsFollowSettings()
    {
        BertWordPieceTokenizer tokenizer = Create(new TokenizerSettings());

        Assert.Equal(Pad, tokenizer.PadId);
        Assert.Equal(Unk, tokenizer.UnkId);
        Assert.Equal(Cls, tokenizer.ClsId);
        Assert.Equal(Sep, tokenizer.SepId);
        Assert.Equal(Mask, tokenizer.MaskId);
        Assert.Equal(Lines.Length, tokenizer.VocabularySize);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void LineEndingsDoNotChangeIds(string lineEnding)
    {
        using var vocab = new MemoryStream(Encoding.UTF8.GetBytes(string.Join(lineEnding, Lines) + lineEnding));

        BertWordPieceTokenizer tokenizer = BertWordPieceTokenizer.FromVocabulary(vocab, new TokenizerSettings());

        Assert.Equal(Lines.Length, tokenizer.VocabularySize);
        Assert.Equal([Cls, Hello, World, Sep], tokenizer.Encode("hello world", maxLength: 16).InputIds);
    }

    [Fact]
    public void ByteOrderMarkIsSkipped()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(string.Join("\n", Lines))];
        using var vocab = new MemoryStream(bytes);

        BertWordPieceTokenizer tokenizer = BertWordPieceTokenizer.FromVocabulary(vocab, new TokenizerSettings());

        Assert.Equal(Pad, tokenizer.PadId);
    }

    [Fact]
    public void EmptyLinesKeepTheirIds()
    {
        string[] lines = ["[PAD]", "", "[UNK]", "[CLS]", "", "[SEP]", "[MASK]", "hello"];

        BertWordPieceTokenizer tokenizer = CreateFrom(lines, new TokenizerSettings());

        Assert.Equal(8, tokenizer.VocabularySize);
        Assert.Equal([3, 7, 5], tokenizer.Encode("hello", maxLength: 8).InputIds);
    }

    [Fact]
    public void DuplicateTokenTakesLastId()
    {
        // Hugging Face's load_vocab fills a dictionary line by line, so the last line wins.
        string[] lines = [.. Lines, "hello"];

        BertWordPieceTokenizer tokenizer = CreateFrom(lines, new TokenizerSettings());

        Assert.Equal([Cls, Lines.Length, World, Sep], tokenizer.Encode("hello world", maxLength: 16).InputIds);
    }

    [Fact]
    public void SaveToKeepsEmptyAndDuplicateLines()
    {
        string[] lines = ["[PAD]", "", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "hello", "##é"];
        BertWordPieceTokenizer tokenizer = CreateFrom(lines, Cased);
        using var folder = new TemporaryFolder();

        tokenizer.SaveTo(folder.Path);

        string saved = File.ReadAllText(folder.File("vocab.txt"), Encoding.UTF8);
        Assert.Equal(string.Join("\n", lines) + "\n", saved);
    }

    [Fact]
    public void MissingSpecialTokenNamesKeyAndToken()
    {
        string[] lines = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello"];

        var exception = Assert.Throws<SuperTuneException>(() => CreateFrom(lines, new TokenizerSettings()));

        Assert.Contains("mask_token", exception.Message);
        Assert.Contains("[MASK]", exception.Message);
        Assert.NotNull(exception.Hint);
    }

    [Fact]
    public void InvalidUtf8NamesLine()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("[PAD]\n[UNK]\n"), 0xC3, 0x28, (byte)'\n'];
        using var vocab = new MemoryStream(bytes);

        var exception = Assert.Throws<SuperTuneException>(
            () => BertWordPieceTokenizer.FromVocabulary(vocab, new TokenizerSettings()));

        Assert.Contains("not valid UTF-8", exception.Message);
        Assert.Contains(":3:", exception.Message);
    }

    [Fact]
    public void EmptyVocabularyIsRejected()
    {
        using var vocab = new MemoryStream();

        var exception = Assert.Throws<SuperTuneException>(
            () => BertWordPieceTokenizer.FromVocabulary(vocab, new TokenizerSettings()));

        Assert.Contains("empty", exception.Message);
    }

    [Fact]
    public void InvalidSettingsAreRejected()
    {
        var settings = new TokenizerSettings { ModelMaxLength = 1, PadToken = "" };

        var exception = Assert.Throws<SuperTuneException>(() => Create(settings));

        Assert.Contains("model_max_length", exception.Message);
        Assert.Contains("pad_token", exception.Message);
    }

    private static BertWordPieceTokenizer Create(TokenizerSettings settings) => CreateFrom(Lines, settings);

    private static BertWordPieceTokenizer CreateFrom(string[] lines, TokenizerSettings settings)
    {
        using var vocab = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        return BertWordPieceTokenizer.FromVocabulary(vocab, settings);
    }
}
