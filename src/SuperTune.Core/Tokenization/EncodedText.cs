namespace SuperTune.Core.Tokenization;

/// <summary>
/// One text encoded for a BERT model. The attention mask is 1 for every id in <see cref="InputIds"/> and
/// the token type ids are all 0, as for any single sentence, so neither is stored.
/// </summary>
/// <param name="InputIds">
/// <c>[CLS]</c>, the word piece ids, <c>[SEP]</c>. When the pieces do not fit, the last ones are dropped
/// and <c>[SEP]</c> still ends the sequence.
/// </param>
/// <param name="Truncated">Whether word pieces were dropped to fit the maximum length.</param>
/// <param name="TokenCount">
/// Number of word pieces in the whole text, before truncation, special tokens excluded.
/// </param>
public sealed record EncodedText(IReadOnlyList<int> InputIds, bool Truncated, int TokenCount);
