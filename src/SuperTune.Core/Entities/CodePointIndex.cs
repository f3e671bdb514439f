using System.Text;

namespace SuperTune.Core.Entities;

/// <summary>
/// Converts offsets between Unicode code points (the convention of Python and of annotation tools) and UTF-16
/// code units (C# strings). They differ after every character outside the Basic Multilingual Plane, such as
/// most emoji, which take two UTF-16 units.
/// </summary>
public sealed class CodePointIndex
{
    // _utf16Offsets[i] is the UTF-16 offset of code point i; the last entry is the text length.
    private readonly int[] _utf16Offsets;

    public CodePointIndex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var offsets = new List<int>(text.Length + 1);
        int position = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            offsets.Add(position);
            position += rune.Utf16SequenceLength;
        }

        offsets.Add(position);
        _utf16Offsets = [.. offsets];
    }

    /// <summary>Number of code points in the text. A lone surrogate counts as one.</summary>
    public int CodePointCount => _utf16Offsets.Length - 1;

    /// <summary>Returns the UTF-16 offset of code point offset <paramref name="codePoint"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative or past the end.</exception>
    public int ToUtf16(int codePoint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(codePoint);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(codePoint, CodePointCount);
        return _utf16Offsets[codePoint];
    }

    /// <summary>
    /// Returns the code point offset of UTF-16 offset <paramref name="utf16"/>. An offset between the two
    /// halves of a surrogate pair maps to the code point that the pair forms.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative or past the end.</exception>
    public int ToCodePoint(int utf16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(utf16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utf16, _utf16Offsets[^1]);
        int index = Array.BinarySearch(_utf16Offsets, utf16);
        return index >= 0 ? index : ~index - 1;
    }
}
