using System.Text.Json;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Tests.Tokenization;

/// <summary>
/// Compares word piece ids with those of Hugging Face tokenizers 0.23.2 (BertNormalizer, BertPreTokenizer,
/// WordPiece) on 351 texts, 300 of them random mixes of ASCII, accents, combining marks, CJK, Hangul,
/// emoji, controls and punctuation. Fixtures/make_hf_parity_fixture.js made the fixture.
/// </summary>
public sealed class HuggingFaceParityTests
{
    private static readonly Lazy<JsonDocument> Fixture = new(() => JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Tokenization", "Fixtures", "hf_parity.json"))));

    public static TheoryData<string> ModeNames =>
    [
        "uncased", "cased", "lowercase_keep_accents", "cased_strip_accents", "uncased_cjk_in_words",
    ];

    [Theory]
    [MemberData(nameof(ModeNames))]
    public void WordPiecesMatchHuggingFace(string modeName)
    {
        JsonElement root = Fixture.Value.RootElement;
        string[] texts = [.. root.GetProperty("texts").EnumerateArray().Select(text => text.GetString()!)];
        JsonElement mode = root.GetProperty("modes").EnumerateArray()
            .Single(candidate => candidate.GetProperty("name").GetString() == modeName);
        var settings = new TokenizerSettings
        {
            DoLowerCase = mode.GetProperty("do_lower_case").GetBoolean(),
            StripAccents = mode.GetProperty("strip_accents").ValueKind == JsonValueKind.Null
                ? null
                : mode.GetProperty("strip_accents").GetBoolean(),
            TokenizeChineseChars = mode.GetProperty("tokenize_chinese_chars").GetBoolean(),
        };
        BertWordPieceTokenizer tokenizer = MiniLmVocabulary.CreateTokenizer(settings);

        var mismatches = new List<string>();
        int index = 0;
        foreach (JsonElement expectedIds in mode.GetProperty("ids").EnumerateArray())
        {
            int[] expected = [.. expectedIds.EnumerateArray().Select(id => id.GetInt32())];
            int[] actual = [.. tokenizer.Encode(texts[index], int.MaxValue).InputIds.Skip(1).SkipLast(1)];
            if (!expected.SequenceEqual(actual))
            {
                mismatches.Add($"text {index} {JsonSerializer.Serialize(texts[index])}: expected "
                    + $"[{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
            }

            index++;
        }

        Assert.Equal(texts.Length, index);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
