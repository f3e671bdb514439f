namespace SuperTune.Core.Data;

/// <summary>Reads examples from a CSV or TSV file whose first record is a header naming the columns.</summary>
internal static class DelimitedExampleReader
{
    /// <summary>Reads all rows after the header, trimming text and label.</summary>
    /// <exception cref="DataException">The file is empty, a column is missing, or a row is malformed.</exception>
    public static List<TextExample> Read(TextReader reader, string file, DataFormat format, DataReadOptions options)
    {
        char separator = format == DataFormat.Tsv ? '\t' : ',';
        string separatorName = format == DataFormat.Tsv ? "tab" : "comma";
        var records = new DelimitedRecordReader(reader, separator, file);

        DelimitedRecord header = records.Read() ?? throw DataErrors.EmptyFile(file, format);
        string[] columns = [.. header.Fields.Select(name => name.Trim())];
        int textIndex = FindColumn(file, header.Line, columns, options.TextColumn)
            ?? throw DataErrors.MissingColumn(
                file, header.Line, options.TextColumn, columns, isLabel: false, SeparatorHint(columns, format));
        int? labelIndex = FindColumn(file, header.Line, columns, options.LabelColumn);
        if (labelIndex is null && options.RequireLabels)
        {
            throw DataErrors.MissingColumn(
                file, header.Line, options.LabelColumn, columns, isLabel: true, SeparatorHint(columns, format));
        }

        var examples = new List<TextExample>();
        while (records.Read() is { } record)
        {
            if (record.Fields.Count != columns.Length)
            {
                throw DataErrors.WrongFieldCount(file, record.Line, columns.Length, record.Fields.Count, separatorName);
            }

            string text = ReadValue(file, record, textIndex, "text", options.TextColumn, required: true)!;
            string? label = labelIndex is int index
                ? ReadValue(file, record, index, "label", options.LabelColumn, options.RequireLabels)
                : null;
            examples.Add(new TextExample(text, label, record.Line));
        }

        return examples.Count > 0 ? examples : throw DataErrors.NoDataRows(file, header.Line);
    }

    // Returns the 0-based index of the column, or null when the header does not name it.
    private static int? FindColumn(string file, int headerLine, string[] columns, string name)
    {
        int first = Array.IndexOf(columns, name);
        if (first < 0)
        {
            return null;
        }

        int second = Array.IndexOf(columns, name, first + 1);
        if (second >= 0)
        {
            throw DataErrors.DuplicateColumn(file, headerLine, name, first + 1, second + 1);
        }

        return first;
    }

    // Returns a hint when the header is one column that contains another separator, which usually means that
    // the file is not in the format it was read as.
    private static string? SeparatorHint(string[] columns, DataFormat format)
    {
        if (columns.Length != 1)
        {
            return null;
        }

        if (format == DataFormat.Csv && columns[0].Contains('\t'))
        {
            return "The header looks tab-separated. Pass --format tsv or rename the file to end in .tsv.";
        }

        if (format == DataFormat.Tsv && columns[0].Contains(','))
        {
            return "The header looks comma-separated. Pass --format csv or rename the file to end in .csv.";
        }

        return columns[0].Contains(';')
            ? "The header looks semicolon-separated, which is not supported. Re-save the file with commas or tabs "
                + "as separators."
            : null;
    }

    // Returns the trimmed value, or null when it is empty and not required.
    private static string? ReadValue(
        string file, DelimitedRecord record, int index, string valueKind, string column, bool required)
    {
        string value = record.Fields[index].Trim();
        if (value.Length > 0)
        {
            return value;
        }

        if (!required)
        {
            return null;
        }

        throw DataErrors.EmptyColumnValue(file, record.FieldLines[index], index + 1, valueKind, column);
    }
}
