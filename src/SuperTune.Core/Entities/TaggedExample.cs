using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Entities;

/// <summary>One text with its words and entity spans, read from a data file or built in code.</summary>
/// <param name="Text">The text. Offsets of words and spans index into it in UTF-16 code units.</param>
/// <param name="Words">
/// The words that carry BIO tags, in order and without overlap: the file's tokens when it has them, otherwise
/// the words of <see cref="WordSplitter"/>. Every span starts at the start of a word and ends at the end of one.
/// </param>
/// <param name="Spans">The entity spans, sorted by start, without overlap.</param>
/// <param name="Line">1-based line of the example in its file, or 0 when built in code.</param>
public sealed record TaggedExample(
    string Text, IReadOnlyList<TextRange> Words, IReadOnlyList<EntitySpan> Spans, int Line = 0)
{
    /// <summary>The words as strings.</summary>
    public IReadOnlyList<string> Tokens => [.. Words.Select(word => word.Of(Text))];

    /// <summary>The BIO tag of each word.</summary>
    public IReadOnlyList<string> Tags => BioTags.FromSpans(Words, Spans);
}
