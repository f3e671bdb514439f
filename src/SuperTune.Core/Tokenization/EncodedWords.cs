namespace SuperTune.Core.Tokenization;

/// <summary>
/// A text encoded word by word for token classification, so that each word piece knows its word and where it
/// came from in the text.
/// </summary>
/// <param name="InputIds"><c>[CLS]</c>, the word piece ids, <c>[SEP]</c>, as in <see cref="EncodedText"/>.</param>
/// <param name="WordIndices">
/// For each position of <paramref name="InputIds"/>, the index of the word that the piece belongs to, or -1
/// for <c>[CLS]</c> and <c>[SEP]</c>.
/// </param>
/// <param name="Offsets">
/// For each position, the UTF-16 range of the text that the piece came from; empty at offset 0 for the
/// special tokens. A piece that stands for a whole word, such as <c>[UNK]</c>, covers the whole word.
/// </param>
/// <param name="Truncated">Whether word pieces were dropped to fit the maximum length.</param>
/// <param name="TokenCount">Number of word pieces of all words, before truncation, special tokens excluded.</param>
public sealed record EncodedWords(
    IReadOnlyList<int> InputIds,
    IReadOnlyList<int> WordIndices,
    IReadOnlyList<TextRange> Offsets,
    bool Truncated,
    int TokenCount);
