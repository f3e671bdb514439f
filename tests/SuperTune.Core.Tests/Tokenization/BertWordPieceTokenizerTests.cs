using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Tests.Tokenization;

/// <summary>
/// Known answers with the real MiniLM vocabulary. Each expected id is the 0-based line number of its
/// token in vocab.txt, written next to it.
/// </summary>
public sealed class BertWordPieceTokenizerTests
{
    private const int Cls = 101;
    private const int Sep = 102;
    private const int Unk = 100;
    private const int OpenBracket = 1031;
    private const int CloseBracket = 1033;

    private static readonly BertWordPieceTokenizer Tokenizer = MiniLmVocabulary.CreateTokenizer();

    [Fact]
    public void SpecialIdsComeFromVocabulary()
    {
        Assert.Equal(0, Tokenizer.PadId);
        Assert.Equal(Unk, Tokenizer.UnkId);
        Assert.Equal(Cls, Tokenizer.ClsId);
        Assert.Equal(Sep, Tokenizer.SepId);
        Assert.Equal(103, Tokenizer.MaskId);
        Assert.Equal(MiniLmVocabulary.Size, Tokenizer.VocabularySize);
    }

    [Fact]
    public void EncodesSentenceWithApostrophe()
    {
        EncodedText encoded = Tokenizer.Encode("My card still hasn't arrived", maxLength: 128);

        // my card still hasn ' t arrived
        int[] expected = [Cls, 2026, 4003, 2145, 8440, 1005, 1056, 3369, Sep];
        Assert.Equal(expected, encoded.InputIds);
        Assert.Equal(7, encoded.TokenCount);
        Assert.False(encoded.Truncated);
    }

    [Theory]
    [InlineData("unaffable", new[] { 14477, 20961, 3468 })] // una ##ffa ##ble
    [InlineData("tokenization", new[] { 19204, 3989 })] // token ##ization
    // ref ##und un ##pro ##ces ##sable
    [InlineData("Refund unprocessable", new[] { 25416, 8630, 4895, 21572, 9623, 19150 })]
    public void SplitsRareWordsIntoPieces(string text, int[] pieces)
    {
        EncodedText encoded = Tokenizer.Encode(text, maxLength: 128);

        Assert.Equal([Cls, .. pieces, Sep], encoded.InputIds);
    }

    [Fact]
    public void LowercasesAndStripsAccents()
    {
        EncodedText encoded = Tokenizer.Encode("CAFÉ Crème brûlée", maxLength: 128);

        // cafe cr ##eme br ##ule ##e
        int[] expected = [Cls, 7668, 13675, 21382, 7987, 9307, 2063, Sep];
        Assert.Equal(expected, encoded.InputIds);
    }

    [Fact]
    public void StripsDecomposedAccentsToo()
    {
        EncodedText composed = Tokenizer.Encode("Caf\u00E9", maxLength: 16);
        EncodedText decomposed = Tokenizer.Encode("Cafe\u0301", maxLength: 16);

        Assert.Equal([Cls, 7668, Sep], composed.InputIds); // cafe
        Assert.Equal(composed.InputIds, decomposed.InputIds);
    }

    [Fact]
    public void KeepsSpecialTokenTextLiteral()
    {
        EncodedText encoded = Tokenizer.Encode("please [SEP] ignore [CLS] this [MASK] [PAD] [UNK]", maxLength: 128);

        int[] expected =
        [
            Cls,
            3531, // please
            OpenBracket, 19802, CloseBracket, // [ sep ]
            8568, // ignore
            OpenBracket, 18856, 2015, CloseBracket, // [ cl ##s ]
            2023, // this
            OpenBracket, 7308, CloseBracket, // [ mask ]
            OpenBracket, 11687, CloseBracket, // [ pad ]
            OpenBracket, 4895, 2243, CloseBracket, // [ un ##k ]
            Sep,
        ];
        Assert.Equal(expected, encoded.InputIds);
    }

    [Fact]
    public void SpecialIdsOnlyAtEnds()
    {
        EncodedText encoded = Tokenizer.Encode("[SEP][CLS][PAD][MASK] [sep] [ SEP ] <SEP> [[SEP]]", maxLength: 512);

        int[] inner = [.. encoded.InputIds.Skip(1).SkipLast(1)];
        Assert.Equal(Cls, encoded.InputIds[0]);
        Assert.Equal(Sep, encoded.InputIds[^1]);
        Assert.DoesNotContain(Cls, inner);
        Assert.DoesNotContain(Sep, inner);
        Assert.DoesNotContain(Tokenizer.PadId, inner);
        Assert.DoesNotContain(Tokenizer.MaskId, inner);
    }

    [Fact]
    public void TruncationKeepsSepAtEnd()
    {
        const string text = "I was charged twice for my order and nobody answers the phone";

        EncodedText encoded = Tokenizer.Encode(text, maxLength: 8);

        // i was charged twice for my, then [SEP] in place of the rest
        int[] expected = [Cls, 1045, 2001, 5338, 3807, 2005, 2026, Sep];
        Assert.Equal(expected, encoded.InputIds);
        Assert.True(encoded.Truncated);
        Assert.Equal(12, encoded.TokenCount);
    }

    [Fact]
    public void ExactFitIsNotTruncated()
    {
        EncodedText encoded = Tokenizer.Encode("my card", maxLength: 4);

        Assert.Equal([Cls, 2026, 4003, Sep], encoded.InputIds);
        Assert.False(encoded.Truncated);
        Assert.Equal(2, encoded.TokenCount);
    }

    [Fact]
    public void MaxLengthTwoKeepsOnlySpecialTokens()
    {
        EncodedText encoded = Tokenizer.Encode("my card", maxLength: 2);

        Assert.Equal([Cls, Sep], encoded.InputIds);
        Assert.True(encoded.Truncated);
        Assert.Equal(2, encoded.TokenCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void MaxLengthBelowTwoThrows(int maxLength)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.Encode("text", maxLength));

        Assert.Equal("maxLength", exception.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData("\u0000\u0001\u200B")]
    public void TextWithoutWordsEncodesAsClsSep(string text)
    {
        EncodedText encoded = Tokenizer.Encode(text, maxLength: 16);

        Assert.Equal([Cls, Sep], encoded.InputIds);
        Assert.Equal(0, encoded.TokenCount);
        Assert.False(encoded.Truncated);
    }

    [Fact]
    public void TabsAndLineBreaksSeparateWords()
    {
        EncodedText encoded = Tokenizer.Encode("hello\tworld\nagain", maxLength: 16);

        // hello world again
        Assert.Equal([Cls, 7592, 2088, 2153, Sep], encoded.InputIds);
    }

    [Fact]
    public void SymbolsAndUnderscoreArePunctuation()
    {
        EncodedText encoded = Tokenizer.Encode("$100 foo_bar", maxLength: 16);

        // $ 100 foo _ bar
        Assert.Equal([Cls, 1002, 2531, 29379, 1035, 3347, Sep], encoded.InputIds);
    }

    [Fact]
    public void HangulSplitsIntoJamo()
    {
        EncodedText encoded = Tokenizer.Encode("안녕", maxLength: 16);

        // ᄋ ##ᅡ ##ᆫ ##ᄂ ##ᅧ ##ᆼ: accent stripping decomposes each syllable into its jamo
        Assert.Equal([Cls, 1463, 30006, 30021, 29992, 30010, 30025, Sep], encoded.InputIds);
    }

    [Fact]
    public void UnknownCharactersBecomeUnk()
    {
        EncodedText encoded = Tokenizer.Encode("你好 😀", maxLength: 16);

        // Each ideograph is a word of its own, and none of the three is in the vocabulary.
        Assert.Equal([Cls, Unk, Unk, Unk, Sep], encoded.InputIds);
    }

    [Fact]
    public void WordOverHundredCharsIsUnk()
    {
        EncodedText hundred = Tokenizer.Encode(new string('a', 100), maxLength: 512);
        EncodedText hundredAndOne = Tokenizer.Encode(new string('a', 101), maxLength: 512);

        Assert.True(hundred.TokenCount > 1);
        Assert.DoesNotContain(Unk, hundred.InputIds);
        Assert.Equal([Cls, Unk, Sep], hundredAndOne.InputIds);
    }

    [Fact]
    public void DottedCapitalILowercasesToI()
    {
        EncodedText encoded = Tokenizer.Encode("İstanbul", maxLength: 16);

        Assert.Equal([Cls, 9960, Sep], encoded.InputIds); // istanbul
    }

    [Fact]
    public void EncodeBatchMatchesEncode()
    {
        string[] texts = ["My card still hasn't arrived", "", "unaffable", "CAFÉ"];

        IReadOnlyList<EncodedText> batch = Tokenizer.EncodeBatch(texts, maxLength: 6);

        Assert.Equal(texts.Length, batch.Count);
        for (int i = 0; i < texts.Length; i++)
        {
            EncodedText single = Tokenizer.Encode(texts[i], maxLength: 6);
            Assert.Equal(single.InputIds, batch[i].InputIds);
            Assert.Equal(single.Truncated, batch[i].Truncated);
            Assert.Equal(single.TokenCount, batch[i].TokenCount);
        }
    }

    [Fact]
    public void EncodeBatchRejectsNullText()
    {
        var exception = Assert.Throws<ArgumentException>(() => Tokenizer.EncodeBatch(["ok", null!], maxLength: 8));

        Assert.Equal("texts", exception.ParamName);
        Assert.Contains("texts[1]", exception.Message);
    }
}
