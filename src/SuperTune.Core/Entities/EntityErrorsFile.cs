using System.Text.Encodings.Web;
using System.Text.Json;

namespace SuperTune.Core.Entities;

/// <summary>
/// Writes entity_errors.jsonl: one line per example whose predicted spans differ from the gold spans, with the
/// text, its line in the data file, and both span lists (code point offsets, the mention text and the label).
/// </summary>
public static class EntityErrorsFile
{
    /// <summary>File name in a model or evaluation folder.</summary>
    public const string FileName = "entity_errors.jsonl";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the errors of <paramref name="evaluation"/> into <paramref name="folder"/>.</summary>
    public static void Write(EntityEvaluation evaluation, string folder)
    {
        string path = Path.Combine(folder, FileName);
        using var stream = File.Create(path);
        foreach (EntityPrediction error in evaluation.Errors)
        {
            using (var json = new Utf8JsonWriter(stream, Options))
            {
                json.WriteStartObject();
                json.WriteNumber("line", error.Example.Line);
                json.WriteString("text", error.Example.Text);
                WriteSpans(json, "gold", error.Example.Text, error.Example.Spans);
                WriteSpans(json, "predicted", error.Example.Text, error.PredictedSpans);
                json.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
        }
    }

    private static void WriteSpans(Utf8JsonWriter json, string name, string text, IReadOnlyList<EntitySpan> spans)
    {
        var index = new CodePointIndex(text);
        json.WriteStartArray(name);
        foreach (EntitySpan span in spans)
        {
            json.WriteStartObject();
            json.WriteNumber("start", index.ToCodePoint(span.Start));
            json.WriteNumber("end", index.ToCodePoint(span.End));
            json.WriteString("label", span.Label);
            json.WriteString("text", span.TextIn(text));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
