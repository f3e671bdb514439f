namespace SuperTune.Core.Data;

/// <summary>File format of a labelled-text data file.</summary>
public enum DataFormat
{
    /// <summary>Choose by file extension: .csv, .tsv, .jsonl, .json or .ndjson.</summary>
    Auto,

    /// <summary>Comma-separated values (RFC 4180) with a header row.</summary>
    Csv,

    /// <summary>Tab-separated values with a header row, quoted like CSV.</summary>
    Tsv,

    /// <summary>JSON Lines: one JSON object per line.</summary>
    Jsonl,
}
