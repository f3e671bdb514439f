using System.Diagnostics;
using System.Text;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Tests.Tokenization;

/// <summary>Inputs that must encode without an exception, plus speed and thread-safety checks.</summary>
public sealed class HostileInputTests
{
    private const int MaxLength = 64;
    private const int TenMegabytes = 10 * 1024 * 1024;

    private static readonly BertWordPieceTokenizer Tokenizer = MiniLmVocabulary.CreateTokenizer();

    private static readonly Dictionary<string, string> HostileTexts = new()
    {
        ["empty"] = "",
        ["whitespace only"] = " \t\r\n\u00A0\u3000\u2028",
        ["control characters"] = "\u0001\u0002\u001B[31mred\u001B[0m\u007F\u0085",
        ["NUL"] = "a\0b\0\0",
        ["lone high surrogate"] = "x\uD800y",
        ["lone low surrogate"] = "\uDC00",
        ["reversed surrogate pair"] = "\uDC00\uD800 text",
        ["high surrogate at end"] = "text\uD83D",
        ["emoji"] = "😀👍🏽👨‍👩‍👧❤️‍🔥🇫🇷",
        ["CJK and Hangul"] = "日本語のテキスト 中文 한국어 \U00020000",
        ["combining accents"] = "e\u0301\u0302\u0303 \u0301\u0301 a\u0308",
        ["replacement character"] = "\uFFFD\uFFFD",
        ["private use and unassigned"] = "\uE000\U000F0000\u0378\uFFFF\uFFFE",
        ["bidirectional overrides"] = "\u202Eevil\u202C \u200F\u200E",
        ["stacked marks"] = "Z" + new string('\u0336', 1000),
        ["punctuation run"] = new string('!', 10_000),
        ["special token text"] = "[CLS][SEP][PAD][MASK][UNK] [cls] [sep]",
        ["random UTF-16"] = RandomUtf16(seed: 7, length: 20_000),
    };

    public static TheoryData<string> HostileTextNames => [.. HostileTexts.Keys];

    [Theory]
    [MemberData(nameof(HostileTextNames))]
    public void HostileTextEncodes(string name)
    {
        EncodedText encoded = Tokenizer.Encode(HostileTexts[name], MaxLength);

        AssertWellFormed(encoded, MaxLength);
    }

    [Fact]
    public void TenMegabytesOfProseEncodes()
    {
        var text = new StringBuilder(TenMegabytes + 100);
        for (int i = 0; text.Length < TenMegabytes; i++)
        {
            text.Append("Order ").Append(i).Append(": my card still hasn't arrived, café crème. ");
        }

        EncodedText encoded = Tokenizer.Encode(text.ToString(), maxLength: 512);

        AssertWellFormed(encoded, 512);
        Assert.True(encoded.Truncated);
        Assert.Equal(512, encoded.InputIds.Count);
        Assert.True(encoded.TokenCount > 2_000_000, $"TokenCount is {encoded.TokenCount}.");
    }

    [Fact]
    public void TenMegabyteWordIsUnk()
    {
        EncodedText encoded = Tokenizer.Encode(new string('a', TenMegabytes), maxLength: 512);

        Assert.Equal([Tokenizer.ClsId, Tokenizer.UnkId, Tokenizer.SepId], encoded.InputIds);
    }

    [Fact]
    public void TenThousandMessagesEncodeWithoutBlowUp()
    {
        string[] messages = SupportMessages(10_000);
        Tokenizer.EncodeBatch(messages[..100], maxLength: 128);

        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<EncodedText> encoded = Tokenizer.EncodeBatch(messages, maxLength: 128);
        stopwatch.Stop();

        Assert.Equal(messages.Length, encoded.Count);
        // The bound only catches a quadratic slip, which would take minutes, so a loaded machine does not make
        // the test fail; the speed itself is a benchmark's job.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"Encoding took {stopwatch.Elapsed}.");
    }

    [Fact]
    public void ConcurrentEncodingMatchesSequential()
    {
        string[] messages = SupportMessages(2_000);
        IReadOnlyList<EncodedText> sequential = Tokenizer.EncodeBatch(messages, maxLength: 32);

        var concurrent = new EncodedText[messages.Length];
        Parallel.For(0, messages.Length, i => concurrent[i] = Tokenizer.Encode(messages[i], maxLength: 32));

        for (int i = 0; i < messages.Length; i++)
        {
            Assert.Equal(sequential[i].InputIds, concurrent[i].InputIds);
        }
    }

    private static void AssertWellFormed(EncodedText encoded, int maxLength)
    {
        IReadOnlyList<int> ids = encoded.InputIds;
        Assert.InRange(ids.Count, 2, maxLength);
        Assert.Equal(Tokenizer.ClsId, ids[0]);
        Assert.Equal(Tokenizer.SepId, ids[^1]);
        Assert.All(ids, id => Assert.InRange(id, 0, Tokenizer.VocabularySize - 1));

        int[] pieces = [.. ids.Skip(1).SkipLast(1)];
        Assert.DoesNotContain(Tokenizer.ClsId, pieces);
        Assert.DoesNotContain(Tokenizer.SepId, pieces);
        Assert.DoesNotContain(Tokenizer.PadId, pieces);
        Assert.DoesNotContain(Tokenizer.MaskId, pieces);
        Assert.Equal(encoded.Truncated, encoded.TokenCount > pieces.Length);
    }

    private static string RandomUtf16(int seed, int length)
    {
        var random = new Random(seed);
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0, 0x10000);
        }

        return new string(chars);
    }

    private static string[] SupportMessages(int count)
    {
        string[] words =
        [
            "my", "card", "still", "hasn't", "arrived", "when", "will", "I", "get", "the", "refund", "please",
            "help", "thanks", "order", "number", "is", "#12345", "Café", "charged", "twice", "app", "crashes!",
        ];
        var random = new Random(42);
        var messages = new string[count];
        for (int i = 0; i < count; i++)
        {
            int length = random.Next(5, 30);
            messages[i] = string.Join(' ', Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)]));
        }

        return messages;
    }
}
