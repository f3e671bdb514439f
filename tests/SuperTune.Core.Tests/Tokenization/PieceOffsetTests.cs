using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Tests.Tokenization;

/// <summary>Character offsets of word pieces on text that makes UTF-16 and code point positions differ.</summary>
public sealed class PieceOffsetTests
{
    private static readonly BertWordPieceTokenizer Tokenizer = MiniLmVocabulary.CreateTokenizer();

    public static TheoryData<string, string[]> WordsOfHardTexts => new()
    {
        { "book a table for 4 at 7pm in Lisbon", ["book", "a", "table", "for", "4", "at", "7pm", "in", "Lisbon"] },
        { "hasn't", ["hasn", "'", "t"] },
        { "Café  crème\t\tbrûlée", ["Café", "crème", "brûlée"] },
        { "Cafe\u0301 au lait", ["Cafe\u0301", "au", "lait"] },
        { "I ❤️ 🍕 and 👨‍👩‍👧 too", ["I", "❤️", "🍕", "and", "👨‍👩‍👧", "too"] },
        { "東京に行きたい", ["東", "京", "に", "行", "きたい"] },
        { "İstanbul   trip", ["İstanbul", "trip"] },
        { "pay 😀😀 now", ["pay", "😀😀", "now"] },
        { "a\u200Bb", ["a\u200Bb"] },
    };

    [Theory]
    [MemberData(nameof(WordsOfHardTexts))]
    public void PiecesOfEachWordJoinToTheWord(string text, string[] expectedWords)
    {
        EncodedWords encoded = Tokenizer.EncodeWithOffsets(text, maxLength: 128);

        string[] words = [.. encoded.WordIndices.Select((word, position) => (word, position))
            .Where(p => p.word >= 0)
            .GroupBy(p => p.word)
            .Select(group => text[encoded.Offsets[group.First().position].Start
                ..encoded.Offsets[group.Last().position].End])];
        Assert.Equal(expectedWords, words);
    }

    [Theory]
    [MemberData(nameof(WordsOfHardTexts))]
    public void IdsMatchPlainEncoding(string text, string[] _)
    {
        EncodedWords withOffsets = Tokenizer.EncodeWithOffsets(text, maxLength: 128);
        EncodedText plain = Tokenizer.Encode(text, maxLength: 128);

        Assert.Equal(plain.InputIds, withOffsets.InputIds);
        Assert.Equal(plain.TokenCount, withOffsets.TokenCount);
    }

    [Theory]
    [MemberData(nameof(WordsOfHardTexts))]
    public void OffsetsIncreaseWithoutOverlap(string text, string[] _)
    {
        EncodedWords encoded = Tokenizer.EncodeWithOffsets(text, maxLength: 128);

        int previousEnd = 0;
        for (int i = 1; i < encoded.InputIds.Count - 1; i++)
        {
            TextRange range = encoded.Offsets[i];
            Assert.True(range.Start >= previousEnd, $"piece {i} starts at {range.Start} before {previousEnd}");
            Assert.True(range.End > range.Start, $"piece {i} is empty at {range.Start}");
            Assert.True(range.End <= text.Length, $"piece {i} ends at {range.End} past the text");
            previousEnd = range.End;
        }
    }

    [Fact]
    public void SubwordPiecesSplitTheWord()
    {
        EncodedWords encoded = Tokenizer.EncodeWithOffsets("unaffable X", maxLength: 128);

        // una ##ffa ##ble x
        string[] pieces = [.. encoded.Offsets.Skip(1).Take(4).Select(range => range.Of("unaffable X"))];
        Assert.Equal(["una", "ffa", "ble", "X"], pieces);
        Assert.Equal([-1, 0, 0, 0, 1, -1], encoded.WordIndices);
    }

    [Fact]
    public void AccentedPieceCoversItsCombiningMark()
    {
        const string text = "cre\u0300me";

        EncodedWords encoded = Tokenizer.EncodeWithOffsets(text, maxLength: 128);

        Assert.Equal(text.Length, encoded.Offsets[^2].End);
    }

    [Fact]
    public void TooLongWordIsOneUnknownPiece()
    {
        string text = "ok " + new string('x', 150) + " done";

        EncodedWords encoded = Tokenizer.EncodeWithOffsets(text, maxLength: 128);

        Assert.Equal(Tokenizer.UnkId, encoded.InputIds[2]);
        Assert.Equal(new TextRange(3, 153), encoded.Offsets[2]);
    }

    [Fact]
    public void GivenWordsKeepTheirIndices()
    {
        const string text = "Lewis's  café";
        TextRange[] words = [new(0, 5), new(5, 7), new(9, 13)];

        EncodedWords encoded = Tokenizer.EncodeWords(text, words, maxLength: 128);

        // lewis ' s cafe
        Assert.Equal([-1, 0, 1, 1, 2, -1], encoded.WordIndices);
        Assert.Equal(new TextRange(9, 13), encoded.Offsets[4]);
    }

    [Fact]
    public void TruncationKeepsSeparatorAndWordIndices()
    {
        EncodedWords encoded = Tokenizer.EncodeWithOffsets("one two three four", maxLength: 4);

        Assert.True(encoded.Truncated);
        Assert.Equal(4, encoded.TokenCount);
        Assert.Equal([-1, 0, 1, -1], encoded.WordIndices);
        Assert.Equal(Tokenizer.SepId, encoded.InputIds[^1]);
    }
}
