using System.Text;

namespace SuperTune.Core.Data;

/// <summary>
/// Streaming parser for RFC 4180 records with a configurable separator (comma for CSV, tab for TSV).
/// </summary>
/// <remarks>
/// A field that starts with a double quote is quoted. It ends at the next quote that is not doubled, a doubled
/// quote stands for one quote, and separators and line breaks inside it belong to the value. A quote inside an
/// unquoted field is kept as a literal character, which RFC 4180 does not allow but many exporters write.
/// Records end at CRLF, LF or a lone CR. Empty lines between records are skipped.
/// </remarks>
internal sealed class DelimitedRecordReader(TextReader reader, char separator, string file)
{
    private const char Quote = '"';

    private readonly char[] buffer = new char[16 * 1024];
    private readonly StringBuilder value = new();
    private int bufferLength;
    private int bufferPosition;
    private int line = 1;

    /// <summary>Reads the next record, or returns null at the end of the file.</summary>
    /// <exception cref="DataException">A quote is never closed, or text follows a closing quote.</exception>
    public DelimitedRecord? Read()
    {
        while (Peek() is '\r' or '\n')
        {
            ReadLineBreak();
        }

        if (Peek() < 0)
        {
            return null;
        }

        int recordLine = line;
        var fields = new List<string>();
        var fieldLines = new List<int>();
        while (true)
        {
            fieldLines.Add(line);
            fields.Add(Peek() == Quote ? ReadQuotedField(fields.Count + 1) : ReadUnquotedField());

            int next = Peek();
            if (next == separator)
            {
                Next();
                continue;
            }

            if (next >= 0)
            {
                ReadLineBreak();
            }

            return new DelimitedRecord(recordLine, fields, fieldLines);
        }
    }

    private string ReadUnquotedField()
    {
        value.Clear();
        for (int c = Peek(); c >= 0 && c != separator && c != '\r' && c != '\n'; c = Peek())
        {
            value.Append((char)Next());
        }

        return value.ToString();
    }

    private string ReadQuotedField(int field)
    {
        int openingLine = line;
        Next();
        value.Clear();
        while (true)
        {
            int c = Next();
            if (c < 0)
            {
                throw DataErrors.UnterminatedQuote(file, openingLine, field);
            }

            if (c == Quote && Peek() == Quote)
            {
                Next();
                value.Append(Quote);
            }
            else if (c == Quote)
            {
                break;
            }
            else
            {
                value.Append((char)c);
                CountLineBreak(c);
            }
        }

        int after = Peek();
        if (after >= 0 && after != separator && after != '\r' && after != '\n')
        {
            throw DataErrors.TextAfterClosingQuote(file, line, field, (char)after);
        }

        return value.ToString();
    }

    // Consumes CRLF, LF or a lone CR as one line break.
    private void ReadLineBreak()
    {
        int c = Next();
        if (c == '\r' && Peek() == '\n')
        {
            Next();
        }

        line++;
    }

    // Counts a line break inside a quoted field. CR counts only when no LF follows, so CRLF counts once.
    private void CountLineBreak(int c)
    {
        if (c == '\n' || (c == '\r' && Peek() != '\n'))
        {
            line++;
        }
    }

    private int Peek()
    {
        if (bufferPosition == bufferLength)
        {
            bufferLength = reader.Read(buffer, 0, buffer.Length);
            bufferPosition = 0;
        }

        return bufferPosition < bufferLength ? buffer[bufferPosition] : -1;
    }

    private int Next()
    {
        int c = Peek();
        if (c >= 0)
        {
            bufferPosition++;
        }

        return c;
    }
}
