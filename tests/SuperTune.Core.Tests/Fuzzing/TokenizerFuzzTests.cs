using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SuperTune.Core.Tests.Tokenization;
using SuperTune.Core.Tokenization;
using Xunit.Abstractions;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>
/// Fuzz harnesses and properties of <see cref="BertWordPieceTokenizer"/>: every text encodes to a well-formed
/// sequence, and every vocabulary gives a tokenizer or a <see cref="SuperTuneException"/>.
/// </summary>
public sealed class TokenizerFuzzTests(ITestOutputHelper output)
{
    private const int UntruncatedLength = 1_000_000;

    private static readonly string[] SpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    // Building a tokenizer over the 30,522 MiniLM tokens takes a while, so the settings variants are built once.
    private static readonly BertWordPieceTokenizer[] MiniLmTokenizers =
    [
        MiniLmVocabulary.CreateTokenizer(),
        MiniLmVocabulary.CreateTokenizer(new TokenizerSettings { DoLowerCase = false }),
        MiniLmVocabulary.CreateTokenizer(new TokenizerSettings { StripAccents = false, TokenizeChineseChars = false }),
    ];

    [Fact]
    public void HostileTextEncodesWellFormed()
    {
        Gen<(string Text, int MaxLength, int Variant)> cases =
            from text in HostileText.Text
            from maxLength in Gen.Frequency((3, Gen.Choose(2, 16)), (1, Gen.Choose(17, 600)))
            from variant in Gen.Choose(0, MiniLmTokenizers.Length - 1)
            select (text, maxLength, variant);

        FuzzHarness.Run("tokenizer, hostile text", cases,
            c => AssertEncodesWellFormed(MiniLmTokenizers[c.Variant], c.Text, c.MaxLength), 300, output);
    }

    [Fact]
    public void RandomVocabularyBuildsOrFails()
    {
        Gen<byte[]> cases = Gen.Zip(HostileText.Bytes, Gen.Elements(true, false), (bytes, withSpecials) =>
            withSpecials ? [.. Encoding.UTF8.GetBytes(string.Join('\n', SpecialTokens) + "\n"), .. bytes] : bytes);

        FuzzHarness.Run("tokenizer, random vocab.txt", cases, bytes =>
        {
            BertWordPieceTokenizer tokenizer;
            try
            {
                tokenizer = BertWordPieceTokenizer.FromVocabulary(new MemoryStream(bytes), new TokenizerSettings());
            }
            catch (SuperTuneException error)
            {
                Assert.StartsWith("vocabulary stream", error.Message);
                return;
            }

            AssertEncodesWellFormed(tokenizer, Encoding.UTF8.GetString(bytes), maxLength: 64);
        }, 200, output);
    }

    [Fact]
    public void SavedVocabularyRoundTrips()
    {
        Gen<string[]> tokens = Gen.ListOf(HostileText.ValidUnicodeText.Select(
                text => text.Replace("\r", "").Replace("\n", "")))
            .Select(lines => SpecialTokens.Concat(lines).ToArray());
        Gen<(string[] Tokens, string Text)> cases = Gen.Zip(tokens, HostileText.Text, (t, text) => (t, text));
        using var folder = new TemporaryFolder();
        int caseNumber = 0;

        FuzzHarness.Run("tokenizer, saved vocabulary round trip", cases, c =>
        {
            var vocabulary = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', c.Tokens) + "\n"));
            var original = BertWordPieceTokenizer.FromVocabulary(vocabulary, new TokenizerSettings());
            string saved = folder.File($"case-{Interlocked.Increment(ref caseNumber)}");

            original.SaveTo(saved);
            BertWordPieceTokenizer loaded = BertWordPieceTokenizer.FromFolder(saved);

            Assert.Equal(original.VocabularySize, loaded.VocabularySize);
            Assert.Equal(original.Encode(c.Text, 512).InputIds, loaded.Encode(c.Text, 512).InputIds);
        }, 100, output);
    }

    /// <summary>
    /// Checks the contract of <see cref="BertWordPieceTokenizer.Encode"/>: [CLS] first and [SEP] last, every id
    /// inside the vocabulary, no special token in between, at most <paramref name="maxLength"/> ids, and the
    /// kept pieces a prefix of the untruncated encoding.
    /// </summary>
    internal static void AssertEncodesWellFormed(BertWordPieceTokenizer tokenizer, string text, int maxLength)
    {
        EncodedText encoded = tokenizer.Encode(text, maxLength);
        EncodedText whole = tokenizer.Encode(text, UntruncatedLength);

        IReadOnlyList<int> ids = encoded.InputIds;
        Assert.InRange(ids.Count, 2, maxLength);
        Assert.Equal(tokenizer.ClsId, ids[0]);
        Assert.Equal(tokenizer.SepId, ids[^1]);
        Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.VocabularySize - 1));

        int[] pieces = [.. ids.Skip(1).SkipLast(1)];
        int[] specialIds = [tokenizer.ClsId, tokenizer.SepId, tokenizer.PadId, tokenizer.MaskId];
        Assert.All(pieces, id => Assert.True(id == tokenizer.UnkId || !specialIds.Contains(id), $"special id {id}"));

        Assert.Equal(whole.TokenCount, encoded.TokenCount);
        Assert.Equal(encoded.Truncated, encoded.TokenCount > pieces.Length);
        Assert.Equal(whole.InputIds.Skip(1).Take(pieces.Length), pieces);
    }
}
