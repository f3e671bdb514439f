using System.Text;

namespace SuperTune.Core.Data;

/// <summary>Reads labelled-text files (CSV, TSV or JSON Lines) into a <see cref="Dataset"/>.</summary>
public static class DatasetReader
{
    // Skips a UTF-8 byte order mark and throws DecoderFallbackException on invalid bytes.
    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads every example of a UTF-8 data file, streaming, and collects warnings about repeated rows and texts
    /// with two labels. Texts and labels are trimmed of leading and trailing whitespace.
    /// </summary>
    /// <param name="path">File to read. Messages name it as given.</param>
    /// <param name="options">Columns and format. Null means the defaults: columns "text" and "label".</param>
    /// <exception cref="SuperTuneException">
    /// The file does not exist or cannot be read, its format is unknown, or the options name no column.
    /// </exception>
    /// <exception cref="DataException">The content is invalid. The message gives file:line:column.</exception>
    public static Dataset Read(string path, DataReadOptions? options = null)
    {
        options ??= new DataReadOptions();
        ValidateColumnOptions(options);
        RequireFile(path);
        DataFormat format = options.ResolveFormat(path);

        List<TextExample> examples;
        try
        {
            using var reader = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: false);
            examples = format == DataFormat.Jsonl
                ? JsonLinesExampleReader.Read(reader, path, options)
                : DelimitedExampleReader.Read(reader, path, format, options);
        }
        catch (DecoderFallbackException error)
        {
            throw Utf8ErrorLocator.FindInvalidByte(path)
                ?? new SuperTuneException($"{path} is not valid UTF-8.", "Re-save the file as UTF-8.", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new SuperTuneException($"Cannot read data file {path}: {error.Message}", null, error);
        }

        return new Dataset(path, examples, DuplicateFinder.FindDuplicates(path, examples));
    }

    private static void ValidateColumnOptions(DataReadOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TextColumn))
        {
            throw new SuperTuneException("--text-column is empty.", "Pass the name of the column with the text.");
        }

        if (string.IsNullOrWhiteSpace(options.LabelColumn))
        {
            throw new SuperTuneException("--label-column is empty.", "Pass the name of the column with the labels.");
        }

        if (options.TextColumn == options.LabelColumn)
        {
            throw new SuperTuneException(
                $"--text-column and --label-column both name \"{options.TextColumn}\".",
                "Pass different columns for the text and the label.");
        }
    }

    private static void RequireFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        if (Directory.Exists(path))
        {
            throw new SuperTuneException(
                $"Data path {path} is a folder, not a file.", "Pass the path of a .csv, .tsv or .jsonl file.");
        }

        throw new SuperTuneException(
            $"Data file not found: {path}",
            $"Check the path. A relative path starts from the current folder, {Environment.CurrentDirectory}.");
    }
}
