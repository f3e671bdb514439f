using System.Buffers;
using System.Text;

namespace SuperTune.Core.Data;

/// <summary>Finds the line and byte column of the first invalid UTF-8 sequence in a file.</summary>
internal static class Utf8ErrorLocator
{
    /// <summary>
    /// Returns an error located at the first byte sequence of the file that is not valid UTF-8, or null when
    /// the whole file decodes. Columns count bytes from 1, and the UTF-8 byte order mark is not counted.
    /// </summary>
    public static DataException? FindInvalidByte(string file)
    {
        // Reads the whole file into memory. That is acceptable because this runs only after decoding failed.
        byte[] bytes = File.ReadAllBytes(file);
        int position = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        int line = 1;
        int lineStart = position;
        while (position < bytes.Length)
        {
            byte value = bytes[position];
            if (value < 0x80)
            {
                position++;
                bool crlf = value == '\r' && position < bytes.Length && bytes[position] == '\n';
                if (value == '\n' || (value == '\r' && !crlf))
                {
                    line++;
                    lineStart = position;
                }

                continue;
            }

            if (Rune.DecodeFromUtf8(bytes.AsSpan(position), out _, out int consumed) != OperationStatus.Done)
            {
                return DataErrors.InvalidUtf8(file, line, position - lineStart + 1, value);
            }

            position += consumed;
        }

        return null;
    }
}
