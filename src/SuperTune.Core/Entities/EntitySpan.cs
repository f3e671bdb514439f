namespace SuperTune.Core.Entities;

/// <summary>An entity mention: a labelled range of a text in UTF-16 code units, end exclusive.</summary>
/// <param name="Start">Index of the first UTF-16 code unit, so <c>text[Start..End]</c> is the mention.</param>
/// <param name="End">Index after the last UTF-16 code unit.</param>
/// <param name="Label">Entity type without a BIO prefix, such as <c>city</c>.</param>
public sealed record EntitySpan(int Start, int End, string Label)
{
    /// <summary>Returns the text of the mention in <paramref name="text"/>.</summary>
    public string TextIn(string text) => text[Start..End];
}
