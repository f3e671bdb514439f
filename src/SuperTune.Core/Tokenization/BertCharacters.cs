using System.Globalization;
using System.Text;

namespace SuperTune.Core.Tokenization;

/// <summary>
/// Character classes of the BERT basic tokenizer, as defined by Hugging Face's BasicTokenizer
/// (transformers) and by BertNormalizer and BertPreTokenizer (tokenizers).
/// </summary>
internal static class BertCharacters
{
    /// <summary>
    /// Returns whether clean-up removes the character: any "Other" category (control, format,
    /// unassigned, private use, surrogate) except tab, line feed and carriage return, which are whitespace.
    /// </summary>
    public static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;
    }

    /// <summary>
    /// Returns whether the character separates words: tab, line feed, carriage return and the space, line
    /// and paragraph separators. Python's str.split and Rust's char::is_whitespace both split on the line
    /// and paragraph separators that Hugging Face's clean-up keeps.
    /// </summary>
    public static bool IsWhitespace(Rune rune)
    {
        if (rune.Value is ' ' or '\t' or '\n' or '\r')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }

    /// <summary>
    /// Returns whether the character becomes a word of its own: every ASCII character that is not a letter,
    /// digit, space or control character (so <c>$</c>, <c>+</c>, <c>^</c> and <c>`</c> count), and every
    /// character of a Unicode punctuation category.
    /// </summary>
    public static bool IsPunctuation(Rune rune)
    {
        int value = rune.Value;
        if (value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>
    /// Returns whether the character is a CJK ideograph, which the tokenizer makes a word of its own.
    /// These are the CJK Unified Ideographs blocks, extensions A to E and the compatibility blocks.
    /// Hangul, Hiragana and Katakana are not included.
    /// </summary>
    public static bool IsChineseChar(Rune rune)
    {
        int value = rune.Value;
        return value is (>= 0x4E00 and <= 0x9FFF)
            or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F)
            or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF)
            or (>= 0x2F800 and <= 0x2FA1F);
    }
}
