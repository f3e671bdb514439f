namespace SuperTune.Core.Tokenization;

/// <summary>A range of a C# string in UTF-16 code units, end exclusive, so <c>text[Start..End]</c> is its text.</summary>
public readonly record struct TextRange(int Start, int End)
{
    /// <summary>Number of UTF-16 code units.</summary>
    public int Length => End - Start;

    /// <summary>Returns the text of this range in <paramref name="text"/>.</summary>
    public string Of(string text) => text[Start..End];
}
