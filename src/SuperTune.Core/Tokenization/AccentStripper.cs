using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace SuperTune.Core.Tokenization;

/// <summary>
/// Accent stripping as Hugging Face's BERT tokenizers do it: canonical decomposition (NFD), then every
/// nonspacing mark (category Mn) removed, so "é" becomes "e" and a Hangul syllable becomes its jamo.
/// </summary>
/// <remarks>
/// string.Normalize cannot be used because it returns non-ASCII text unchanged in globalization invariant
/// mode, which SuperTune runs in, and because results must not depend on the ICU version of the host.
/// The decompositions come from the generated table in AccentStripper.Table.cs.
/// NOTE: NFD also sorts adjacent combining marks by combining class. This class skips the sort, so text
/// that has two such marks of category Mc or Me side by side (25 characters, such as Hangul tone marks
/// U+302E and U+302F) may keep them in another order than Hugging Face does.
/// </remarks>
internal static partial class AccentStripper
{
    /// <summary>Maximum number of characters that one character strips to.</summary>
    public const int MaxStrippedLength = 3;

    private const int HangulFirst = 0xAC00;
    private const int HangulLast = 0xD7A3;
    private const int HangulLeadingFirst = 0x1100;
    private const int HangulVowelFirst = 0x1161;
    private const int HangulTrailingBase = 0x11A7;
    private const int HangulTrailingCount = 28;
    private const int HangulSyllablesPerLeading = 21 * HangulTrailingCount;

    private static readonly FrozenDictionary<int, Rune[]> StrippedDecompositions = ParseTable(Table);

    /// <summary>
    /// Writes the characters that <paramref name="rune"/> strips to into <paramref name="destination"/>
    /// (at least <see cref="MaxStrippedLength"/> long) and returns how many were written: 0 for a
    /// nonspacing mark, 1 for a character without accents.
    /// </summary>
    public static int Strip(Rune rune, Span<Rune> destination)
    {
        int value = rune.Value;
        if (value < 0xC0)
        {
            destination[0] = rune;
            return 1;
        }

        if (value is >= HangulFirst and <= HangulLast)
        {
            return DecomposeHangul(value - HangulFirst, destination);
        }

        if (StrippedDecompositions.TryGetValue(value, out Rune[]? remaining))
        {
            remaining.CopyTo(destination);
            return remaining.Length;
        }

        if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
        {
            return 0;
        }

        destination[0] = rune;
        return 1;
    }

    // A Hangul syllable decomposes arithmetically into a leading consonant, a vowel and an optional
    // trailing consonant. None of the jamo is a nonspacing mark.
    private static int DecomposeHangul(int syllableIndex, Span<Rune> destination)
    {
        int vowel = syllableIndex % HangulSyllablesPerLeading / HangulTrailingCount;
        destination[0] = new Rune(HangulLeadingFirst + syllableIndex / HangulSyllablesPerLeading);
        destination[1] = new Rune(HangulVowelFirst + vowel);

        int trailing = syllableIndex % HangulTrailingCount;
        if (trailing == 0)
        {
            return 2;
        }

        destination[2] = new Rune(HangulTrailingBase + trailing);
        return 3;
    }

    private static FrozenDictionary<int, Rune[]> ParseTable(string table)
    {
        var entries = new Dictionary<int, Rune[]>();
        foreach (string entry in table.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = entry.IndexOf(':');
            int codePoint = int.Parse(entry.AsSpan(0, colon), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            string[] remaining = entry[(colon + 1)..].Split('.', StringSplitOptions.RemoveEmptyEntries);
            if (remaining.Length > MaxStrippedLength)
            {
                throw new InvalidOperationException(
                    $"Internal error: accent table entry '{entry}' is longer than {MaxStrippedLength} characters.");
            }

            entries[codePoint] = [.. remaining.Select(ParseHexRune)];
        }

        return entries.ToFrozenDictionary();
    }

    private static Rune ParseHexRune(string hex) =>
        new(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
