using System.Text;

namespace SuperTune.Core.Tokenization;

/// <summary>
/// The lines of a WordPiece vocab.txt: the token on line n (0-based) has id n. When a token appears on
/// several lines, its id is the last of them, as in Hugging Face's load_vocab.
/// </summary>
internal sealed class WordPieceVocabulary
{
    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, int> _ids;

    private WordPieceVocabulary(string[] tokens, Dictionary<string, int> ids, string source)
    {
        Tokens = tokens;
        _ids = ids;
        Source = source;
    }

    /// <summary>Tokens in id order, empty strings included.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Where the vocabulary was read from, for error messages.</summary>
    public string Source { get; }

    /// <summary>
    /// Reads one token a line. Lines end with \n, \r\n or \r, as in Python's text mode, and a UTF-8 byte
    /// order mark is skipped.
    /// </summary>
    /// <exception cref="SuperTuneException">The stream is not valid UTF-8 or has no lines.</exception>
    public static WordPieceVocabulary Read(Stream stream, string source)
    {
        byte[] bytes = ReadToEnd(stream);
        int lineStart = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var tokens = new List<string>();

        // Bytes of a multi-byte UTF-8 character are never \n or \r, so lines can be split before decoding.
        for (int i = lineStart; i < bytes.Length; i++)
        {
            if (bytes[i] is not ((byte)'\n' or (byte)'\r'))
            {
                continue;
            }

            tokens.Add(DecodeLine(bytes, lineStart, i, tokens.Count + 1, source));
            if (bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n')
            {
                i++;
            }

            lineStart = i + 1;
        }

        if (lineStart < bytes.Length)
        {
            tokens.Add(DecodeLine(bytes, lineStart, bytes.Length, tokens.Count + 1, source));
        }

        if (tokens.Count == 0)
        {
            throw new SuperTuneException($"{source}: the vocabulary is empty.",
                "A BERT vocab.txt has one token a line, starting with [PAD] or the other special tokens.");
        }

        var ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (int id = 0; id < tokens.Count; id++)
        {
            ids[tokens[id]] = id;
        }

        return new WordPieceVocabulary([.. tokens], ids, source);
    }

    /// <summary>Returns the id of <paramref name="token"/>, or -1 when it is not in the vocabulary.</summary>
    public int IdOf(string token) => _ids.TryGetValue(token, out int id) ? id : -1;

    /// <summary>
    /// Writes the vocabulary in the form Microsoft.ML.Tokenizers loads: the same ids, but every line that a
    /// later duplicate hides replaced by a token that cannot occur, because that loader rejects duplicates.
    /// </summary>
    public MemoryStream ToLibraryStream()
    {
        var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, StrictUtf8, leaveOpen: true))
        {
            for (int id = 0; id < Tokens.Count; id++)
            {
                string token = Tokens[id];
                writer.Write(token.Length > 0 && _ids[token] != id ? HiddenDuplicatePlaceholder(id) : token);
                writer.Write('\n');
            }
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>Writes one token a line, ending each line with \n as Hugging Face's save_vocabulary does.</summary>
    public void WriteTo(Stream stream)
    {
        using var writer = new StreamWriter(stream, StrictUtf8, leaveOpen: true);
        foreach (string token in Tokens)
        {
            writer.Write(token);
            writer.Write('\n');
        }
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string DecodeLine(byte[] bytes, int start, int end, int lineNumber, string source)
    {
        try
        {
            return StrictUtf8.GetString(bytes, start, end - start);
        }
        catch (DecoderFallbackException e)
        {
            throw new SuperTuneException($"{source}:{lineNumber}: the vocabulary is not valid UTF-8.",
                "A BERT vocab.txt is UTF-8 text with one token a line; check that the file is not damaged.", e);
        }
    }

    // The basic tokenizer splits every punctuation character off, so no word piece contains '[' and a
    // token in brackets is never looked up. The suffix loop keeps the placeholder unique.
    private string HiddenDuplicatePlaceholder(int id)
    {
        string placeholder = $"[hidden duplicate {id}]";
        while (_ids.ContainsKey(placeholder))
        {
            placeholder += "'";
        }

        return placeholder;
    }
}
