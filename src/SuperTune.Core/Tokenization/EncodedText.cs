namespace SuperTune.Core.Tokenization;

/// <summary>Token ids of one text with [CLS] and [SEP], and whether the text was cut to fit.</summary>
/// <param name="InputIds">[CLS], word pieces, [SEP].</param>
/// <param name="Truncated">Whether word pieces were dropped to respect the maximum length.</param>
/// <param name="TokenCount">Word pieces before truncation, specials excluded.</param>
public sealed record EncodedText(int[] InputIds, bool Truncated, int TokenCount);
