using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SuperTune.Core.Data;

namespace SuperTune.Core.Redaction;

/// <summary>
/// Redacts chosen text columns of a CSV, TSV or JSON Lines file into a new file of the same format, streaming
/// batches of records so that files larger than memory work. Other columns and fields are copied unchanged. The
/// output is written under a temporary name and renamed when complete, so a failed run leaves no partial file.
/// </summary>
public sealed class FileRedactor(Redactor redactor, int batchSize = 64)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Redacts <paramref name="columns"/> of every record of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="format">The format of both files; <see cref="DataFormat.Auto"/> picks it from the input's extension.</param>
    /// <exception cref="SuperTuneException">A path is invalid, a column is missing, or a file cannot be read or written.</exception>
    /// <exception cref="DataException">A record is malformed; the message gives file:line.</exception>
    public FileRedactionSummary Redact(string input, string output, IReadOnlyList<string> columns, DataFormat format)
    {
        if (!File.Exists(input)) throw new SuperTuneException($"--in {input}: file not found.");
        if (Path.GetFullPath(input) == Path.GetFullPath(output))
        {
            throw new SuperTuneException($"--out {output} is the --in file.", "Write the redacted copy to another file.");
        }

        if (columns.Count == 0) throw new SuperTuneException("No column to redact.", "Pass --column with a text column.");
        string? outputFolder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (outputFolder is not null && !Directory.Exists(outputFolder))
        {
            throw new SuperTuneException($"--out {output}: folder {outputFolder} does not exist.",
                "Create the folder first, or write the redacted copy into an existing one.");
        }

        DataFormat resolved = new DataReadOptions { Format = format }.ResolveFormat(input);
        string temporary = output + ".tmp-" + Environment.ProcessId;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            int records;
            using (var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            using (var writer = new StreamWriter(temporary, append: false, Utf8NoBom))
            {
                records = resolved == DataFormat.Jsonl
                    ? RedactJsonLines(reader, writer, input, columns, counts)
                    : RedactDelimited(reader, writer, input, resolved == DataFormat.Tsv ? '\t' : ',', columns, counts);
            }

            File.Move(temporary, output, overwrite: true);
            return new FileRedactionSummary(records, counts);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new SuperTuneException($"Redacting {input} into {output} failed: {error.Message}", null, error);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private int RedactJsonLines(TextReader reader, TextWriter writer, string file, IReadOnlyList<string> columns,
        Dictionary<string, int> counts)
    {
        var batch = new List<(JsonObject Record, string Field)>();
        var lines = new List<JsonObject?>();
        int lineNumber = 0;
        int records = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                lines.Add(null);
                continue;
            }

            JsonObject record = ParseObject(line, file, lineNumber);
            var present = columns.Where(c => record[c] is JsonValue value && value.GetValueKind() == JsonValueKind.String).ToList();
            if (present.Count == 0)
            {
                throw new DataException(file, lineNumber, null, $"no string field {string.Join(" or ", columns.Select(c => $"\"{c}\""))} "
                    + "in the object", "Pass --column with the field that contains the text.");
            }

            batch.AddRange(present.Select(field => (record, field)));
            lines.Add(record);
            records++;
            if (batch.Count >= batchSize)
            {
                FlushJson(batch, lines, writer, counts);
            }
        }

        FlushJson(batch, lines, writer, counts);
        return records;
    }

    private void FlushJson(List<(JsonObject Record, string Field)> batch, List<JsonObject?> lines, TextWriter writer,
        Dictionary<string, int> counts)
    {
        IReadOnlyList<RedactionResult> results = redactor.RedactBatch([.. batch.Select(b => b.Record[b.Field]!.GetValue<string>())]);
        for (int i = 0; i < batch.Count; i++)
        {
            batch[i].Record[batch[i].Field] = results[i].Text;
            Count(results[i], counts);
        }

        foreach (JsonObject? record in lines)
        {
            writer.Write(record is null ? "" : record.ToJsonString(JsonOptions));
            writer.Write('\n');
        }

        batch.Clear();
        lines.Clear();
    }

    private int RedactDelimited(TextReader reader, TextWriter writer, string file, char separator,
        IReadOnlyList<string> columns, Dictionary<string, int> counts)
    {
        var records = new DelimitedRecordReader(reader, separator, file);
        DelimitedRecord header = records.Read() ?? throw DataErrors.EmptyFile(file, DataFormat.Csv);
        var indices = new List<int>();
        foreach (string column in columns)
        {
            int index = header.Fields.ToList().IndexOf(column);
            if (index < 0)
            {
                throw new DataException(file, header.Line, null, $"column \"{column}\" not found in the header, which has "
                    + string.Join(", ", header.Fields.Select(f => $"\"{f}\"")), "Pass --column with a column of the header.");
            }

            indices.Add(index);
        }

        WriteRecord(writer, header.Fields, separator);
        var batch = new List<string[]>();
        int count = 0;
        while (records.Read() is { } record)
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                throw DataErrors.WrongFieldCount(file, record.Line, header.Fields.Count, record.Fields.Count,
                    separator == ',' ? "comma" : "tab");
            }

            batch.Add([.. record.Fields]);
            count++;
            if (batch.Count * indices.Count >= batchSize)
            {
                FlushDelimited(batch, indices, writer, separator, counts);
            }
        }

        FlushDelimited(batch, indices, writer, separator, counts);
        return count;
    }

    private void FlushDelimited(List<string[]> batch, List<int> indices, TextWriter writer, char separator,
        Dictionary<string, int> counts)
    {
        IReadOnlyList<RedactionResult> results = redactor.RedactBatch([.. batch.SelectMany(row => indices.Select(i => row[i]))]);
        int next = 0;
        foreach (string[] row in batch)
        {
            foreach (int index in indices)
            {
                row[index] = results[next].Text;
                Count(results[next++], counts);
            }

            WriteRecord(writer, row, separator);
        }

        batch.Clear();
    }

    private static void WriteRecord(TextWriter writer, IReadOnlyList<string> fields, char separator)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) writer.Write(separator);
            string field = fields[i];
            bool quote = field.IndexOfAny([separator, '"', '\r', '\n']) >= 0 || field != field.Trim();
            writer.Write(quote ? "\"" + field.Replace("\"", "\"\"") + "\"" : field);
        }

        writer.Write("\r\n");
    }

    private static JsonObject ParseObject(string line, string file, int lineNumber)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject
                ?? throw new DataException(file, lineNumber, null, "expected a JSON object", "Write one object per line.");
        }
        catch (JsonException error)
        {
            throw DataErrors.InvalidJson(file, lineNumber, error, line.TrimStart().StartsWith('['));
        }
    }

    private static void Count(RedactionResult result, Dictionary<string, int> counts)
    {
        foreach (var entity in result.Entities)
        {
            counts[entity.Label] = counts.GetValueOrDefault(entity.Label) + 1;
        }
    }
}
