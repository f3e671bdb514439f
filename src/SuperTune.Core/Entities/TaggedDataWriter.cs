using System.Text.Encodings.Web;
using System.Text.Json;

namespace SuperTune.Core.Entities;

/// <summary>
/// Writes entity examples as JSON Lines in either format that <see cref="TaggedDataReader"/> reads, so a file
/// converts to the other format and back without losing its text, words or spans.
/// </summary>
public static class TaggedDataWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <c>{"text", "tokens", "tags"}</c>: the text keeps the original spacing.</summary>
    public static void WriteTags(TextWriter output, TaggedExample example)
    {
        WriteLine(output, json =>
        {
            json.WriteString("text", example.Text);
            WriteArray(json, "tokens", example.Tokens);
            WriteArray(json, "tags", example.Tags);
        });
    }

    /// <summary>
    /// Writes <c>{"text", "spans"}</c> with code point offsets, and the tokens too when they differ from the
    /// words that <see cref="WordSplitter"/> finds, so that reading the line back gives the same words.
    /// </summary>
    public static void WriteSpans(TextWriter output, TaggedExample example)
    {
        var index = new CodePointIndex(example.Text);
        bool writeTokens = !WordSplitter.Split(example.Text).SequenceEqual(example.Words);
        WriteLine(output, json =>
        {
            json.WriteString("text", example.Text);
            if (writeTokens)
            {
                WriteArray(json, "tokens", example.Tokens);
            }

            json.WriteStartArray("spans");
            foreach (EntitySpan span in example.Spans)
            {
                json.WriteStartObject();
                json.WriteNumber("start", index.ToCodePoint(span.Start));
                json.WriteNumber("end", index.ToCodePoint(span.End));
                json.WriteString("label", span.Label);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    private static void WriteLine(TextWriter output, Action<Utf8JsonWriter> writeFields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            writeFields(json);
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Write('\n');
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
