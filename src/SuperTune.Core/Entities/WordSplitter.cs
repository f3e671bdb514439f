using System.Text;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Entities;

/// <summary>
/// Splits a text into the words that carry BIO tags when a file gives spans without tokens, and at prediction
/// time. The boundaries are those of BERT's basic tokenization: whitespace separates words, and each punctuation
/// mark and each CJK ideograph is a word of its own. Combining marks, zero-width joiners and variation selectors
/// stay inside their word, so an accented letter or an emoji sequence is never cut.
/// </summary>
public static class WordSplitter
{
    /// <summary>Returns the words of <paramref name="text"/> in order.</summary>
    public static IReadOnlyList<TextRange> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<TextRange>();
        int wordStart = -1;
        int position = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            int next = position + rune.Utf16SequenceLength;
            if (BertCharacters.IsWhitespace(rune))
            {
                EndWord(words, ref wordStart, position);
            }
            else if (BertCharacters.IsPunctuation(rune) || BertCharacters.IsChineseChar(rune))
            {
                EndWord(words, ref wordStart, position);
                words.Add(new TextRange(position, next));
            }
            else if (wordStart < 0)
            {
                wordStart = position;
            }

            position = next;
        }

        EndWord(words, ref wordStart, position);
        return words;
    }

    private static void EndWord(List<TextRange> words, ref int wordStart, int end)
    {
        if (wordStart >= 0)
        {
            words.Add(new TextRange(wordStart, end));
            wordStart = -1;
        }
    }
}
