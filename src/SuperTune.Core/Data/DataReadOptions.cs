namespace SuperTune.Core.Data;

/// <summary>Column names and format used by <see cref="DatasetReader"/>.</summary>
public sealed record DataReadOptions
{
    /// <summary>Column (CSV, TSV) or field (JSONL) that contains the text. Default "text".</summary>
    public string TextColumn { get; init; } = "text";

    /// <summary>Column (CSV, TSV) or field (JSONL) that contains the label. Default "label".</summary>
    public string LabelColumn { get; init; } = "label";

    /// <summary>File format. Default <see cref="DataFormat.Auto"/>, which chooses by file extension.</summary>
    public DataFormat Format { get; init; } = DataFormat.Auto;

    /// <summary>
    /// Whether every example needs a label. Default true. When false, a file without the label column can be
    /// read (for prediction), and a missing or empty label becomes null instead of an error.
    /// </summary>
    public bool RequireLabels { get; init; } = true;

    /// <summary>
    /// Returns <see cref="Format"/>, or for <see cref="DataFormat.Auto"/> the format that the extension of
    /// <paramref name="path"/> names (case-insensitive).
    /// </summary>
    /// <exception cref="SuperTuneException">The format is Auto and the extension is not a known one.</exception>
    public DataFormat ResolveFormat(string path)
    {
        if (Format != DataFormat.Auto)
        {
            return Format;
        }

        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => DataFormat.Csv,
            ".tsv" => DataFormat.Tsv,
            ".jsonl" or ".json" or ".ndjson" => DataFormat.Jsonl,
            "" => throw new SuperTuneException(
                $"Cannot tell the format of {path} because its name has no extension.", FormatHint),
            _ => throw new SuperTuneException(
                $"Cannot tell the format of {path} from its extension \"{extension}\".", FormatHint),
        };
    }

    private const string FormatHint =
        "Pass --format csv, --format tsv or --format jsonl, or rename the file to end in .csv, .tsv or .jsonl.";
}
