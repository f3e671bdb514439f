using System.Text;

namespace SuperTune.Core.Tokenization;

/// <summary>
/// BERT's basic tokenization, the step before WordPiece: clean-up, CJK ideographs as words of their own,
/// accent stripping, lowercasing, and splitting on whitespace and punctuation.
/// </summary>
/// <remarks>
/// The steps and their order follow Hugging Face tokenizers (BertNormalizer then BertPreTokenizer), which
/// back the fast BertTokenizer that AutoTokenizer loads by default. Clean-up drops NUL, U+FFFD, lone
/// surrogates and every "Other" category character except tab, line feed and carriage return, and makes
/// whitespace a word break. Punctuation includes the ASCII symbols such as <c>$</c> and <c>+</c>, so
/// <c>[SEP]</c> in the text always splits into <c>[</c>, <c>sep</c> and <c>]</c>.
/// NOTE: recent releases of transformers' slow (Python) BasicTokenizer also apply NFC before splitting.
/// This class skips NFC, as the fast tokenizer does, so a cased model sees "e" + U+0301 where the slow
/// tokenizer would see "é".
/// </remarks>
internal sealed class BasicTokenizer
{
    /// <summary>Maximum length of a word in code points. Longer words become the unknown token.</summary>
    public const int MaxCharsPerWord = 100;

    private const int DottedCapitalI = 0x0130;

    private readonly bool _lowerCase;
    private readonly bool _stripAccents;
    private readonly bool _tokenizeChineseChars;
    private readonly string _unknownToken;

    public BasicTokenizer(bool lowerCase, bool stripAccents, bool tokenizeChineseChars, string unknownToken)
    {
        _lowerCase = lowerCase;
        _stripAccents = stripAccents;
        _tokenizeChineseChars = tokenizeChineseChars;
        _unknownToken = unknownToken;
    }

    /// <summary>
    /// Appends the words of <paramref name="text"/> to <paramref name="output"/>, each followed by one space.
    /// A word longer than <see cref="MaxCharsPerWord"/> code points is written as the unknown token.
    /// When <paramref name="sources"/> is given, it receives the UTF-16 range of <paramref name="text"/> that
    /// produced each output character.
    /// </summary>
    public void Split(ReadOnlySpan<char> text, PooledCharBuffer output, SourceMap? sources = null)
    {
        var word = new WordWriter(output, _unknownToken, sources);
        Span<Rune> stripped = stackalloc Rune[AccentStripper.MaxStrippedLength];

        // EnumerateRunes yields U+FFFD for a lone surrogate, so clean-up drops both.
        int position = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            word.SetSource(position, position + rune.Utf16SequenceLength);
            position += rune.Utf16SequenceLength;
            if (rune.Value is 0 or 0xFFFD || BertCharacters.IsControl(rune))
            {
                word.Extend();
                continue;
            }

            if (BertCharacters.IsWhitespace(rune))
            {
                word.End();
                continue;
            }

            bool isChinese = _tokenizeChineseChars && BertCharacters.IsChineseChar(rune);
            if (isChinese)
            {
                word.End();
            }

            int count = _stripAccents ? AccentStripper.Strip(rune, stripped) : Keep(rune, stripped);
            if (count == 0)
            {
                word.Extend();
            }

            for (int i = 0; i < count; i++)
            {
                AppendNormalized(stripped[i], ref word);
            }

            if (isChinese)
            {
                word.End();
            }
        }

        word.End();
    }

    private static int Keep(Rune rune, Span<Rune> destination)
    {
        destination[0] = rune;
        return 1;
    }

    private void AppendNormalized(Rune rune, ref WordWriter word)
    {
        if (BertCharacters.IsPunctuation(rune))
        {
            word.End();
            word.Append(rune);
            word.End();
            return;
        }

        if (!_lowerCase)
        {
            word.Append(rune);
        }
        else if (rune.Value == DottedCapitalI)
        {
            // Python and Rust apply the full lowercase mapping, "i" and a combining dot above. .NET maps
            // U+0130 to itself or to a plain 'i', depending on the globalization mode.
            word.Append(new Rune('i'));
            word.Append(new Rune(0x0307));
        }
        else
        {
            word.Append(Rune.ToLowerInvariant(rune));
        }
    }

    /// <summary>Writes one word at a time and replaces a word that is too long by the unknown token.</summary>
    private struct WordWriter(PooledCharBuffer output, string unknownToken, SourceMap? sources)
    {
        private int _start = output.Length;
        private int _codePoints;
        private int _sourceStart;
        private int _sourceEnd;

        /// <summary>Sets the UTF-16 range of the input character that the next appends come from.</summary>
        public void SetSource(int start, int end)
        {
            _sourceStart = start;
            _sourceEnd = end;
        }

        /// <summary>
        /// Makes the word so far cover the current input character although it writes nothing, as for a
        /// stripped combining accent or a zero-width joiner inside an emoji sequence.
        /// </summary>
        public readonly void Extend()
        {
            if (output.Length > _start)
            {
                sources?.ExtendLast(_sourceEnd);
            }
        }

        public void Append(Rune rune)
        {
            int before = output.Length;
            output.Append(rune);
            sources?.Add(_sourceStart, _sourceEnd, output.Length - before);
            _codePoints++;
        }

        public void End()
        {
            if (_codePoints > MaxCharsPerWord)
            {
                int wordStart = sources?.StartAt(_start) ?? 0;
                int wordEnd = sources?.EndAt(output.Length - 1) ?? 0;
                output.Truncate(_start);
                sources?.Truncate(_start);
                output.Append(unknownToken);
                sources?.Add(wordStart, wordEnd, unknownToken.Length);
            }

            if (output.Length > _start)
            {
                output.Append(' ');
                sources?.Add(_sourceEnd, _sourceEnd, 1);
            }

            _start = output.Length;
            _codePoints = 0;
        }
    }
}
