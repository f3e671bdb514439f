using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>
/// FsCheck generators of hostile text and bytes. The text mixes control characters and NUL, lone surrogates,
/// emoji sequences, right-to-left text and overrides, combining marks, CJK, special token text, and the
/// separators and quotes of the data formats. The bytes add sequences that are not valid UTF-8.
/// </summary>
public static class HostileText
{
    /// <summary>Pieces that the text generators join, each chosen for a parser or tokenizer edge case.</summary>
    public static readonly string[] Fragments =
    [
        "my", "card", "hasn't", "arrived", "refund", "Café", "naïve", "İstanbul", "straße", "ǅ", "42", "#12345",
        "[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]", "[cls]", "[ SEP ]", "##ing", "##", "[", "]",
        "\0", "\u0001", "\u001B[31m", "\u007F", "\u0085", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF",
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF\uD800", "\U0010FFFF", "\uE000",
        "😀", "👍🏽", "👨‍👩‍👧", "❤️‍🔥", "🇫🇷", "\u200D", "\u200B", "\u2060",
        "שלום", "مرحبا", "\u202E", "\u202C", "\u200F", "\u200E", "\u2067", "\u2069",
        "e\u0301", "\u0301\u0301\u0301", "Z\u0336\u0336\u0336", "a\u0308",
        "日本語", "中文", "한국어", "\U00020000", "ｆｕｌｌｗｉｄｔｈ",
        " ", "  ", "\t", "\n", "\r", "\r\n", "\u00A0", "\u3000", "\u2028", "\u2029",
        "\"", "\"\"", ",", ";", "'", "\\", "\\\"", "{", "}", ":", "{\"text\":", "\\u0000", "\\ud800",
        "!!!!", "...", "$", "+", "_", "@", "&amp;", "<script>",
        new string('a', 150), new string('!', 300), string.Concat(Enumerable.Repeat("ab", 60)),
    ];

    // Byte sequences that strict UTF-8 decoders reject: stray continuation bytes, overlong forms, encoded
    // surrogates, code points above U+10FFFF and sequences cut short.
    private static readonly byte[][] InvalidUtf8 =
    [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
        [0xC3],
    ];

    /// <summary>Any UTF-16 code unit, lone surrogates included.</summary>
    public static Gen<char> AnyChar { get; } = Gen.Choose(0, 0xFFFF).Select(c => (char)c);

    /// <summary>Text of joined fragments and random code units, up to a few kilobytes.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (6, Gen.ListOf(Gen.Elements(Fragments)).Select(parts => string.Concat(parts))),
        (2, Gen.ArrayOf(AnyChar).Select(chars => new string(chars))),
        (1, Gen.ListOf(Gen.Elements("[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]", " ", "##"))
            .Select(parts => string.Concat(parts))),
        (1, Gen.Constant("")));

    /// <summary>Text whose UTF-8 form is valid: every lone surrogate of <see cref="Text"/> is replaced.</summary>
    public static Gen<string> ValidUnicodeText { get; } =
        Text.Select(text => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)));

    /// <summary>Random bytes, UTF-8 text, or UTF-8 text with invalid sequences and NUL bytes spliced in.</summary>
    public static Gen<byte[]> Bytes { get; } = Gen.Frequency(
        (3, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))),
        (3, Text.Select(text => Encoding.UTF8.GetBytes(text))),
        (4, Gen.ListOf(Gen.Frequency(
                (4, Text.Select(text => Encoding.UTF8.GetBytes(text))),
                (1, Gen.Elements(InvalidUtf8)),
                (1, Gen.Constant(new byte[] { 0 }))))
            .Select(parts => parts.SelectMany(part => part).ToArray())));

    /// <summary>
    /// Text made of the syntax of <paramref name="syntax"/> and of <see cref="Text"/>, so that a parser
    /// meets its own delimiters in every order.
    /// </summary>
    public static Gen<string> Structured(params string[] syntax) => Gen.ListOf(Gen.Frequency(
            (3, Gen.Elements(syntax)),
            (1, Text)))
        .Select(parts => string.Concat(parts));

    /// <summary>JSON nested <paramref name="depth"/> arrays or objects deep, around a string value.</summary>
    public static string NestedJson(int depth, bool objects) => objects
        ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "\"x\"" + new string('}', depth)
        : new string('[', depth) + "\"x\"" + new string(']', depth);

    /// <summary>Nested JSON from 1 to 5,000 levels deep.</summary>
    public static Gen<string> DeepJson { get; } =
        Gen.Zip(Gen.Choose(1, 5000), Gen.Elements(true, false), NestedJson);
}
