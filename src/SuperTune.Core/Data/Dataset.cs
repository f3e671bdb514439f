namespace SuperTune.Core.Data;

/// <summary>The examples of one data file, with the warnings found while reading it.</summary>
public sealed class Dataset
{
    /// <summary>Creates a dataset and counts its labels. Null labels are not counted.</summary>
    public Dataset(string path, IReadOnlyList<TextExample> examples, IReadOnlyList<DataWarning>? warnings = null)
    {
        Path = path;
        Examples = examples;
        Warnings = warnings ?? [];

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (TextExample example in examples)
        {
            if (example.Label is { } label)
            {
                counts[label] = counts.GetValueOrDefault(label) + 1;
            }
        }

        CountByLabel = counts;
        Labels = [.. counts.Keys];
    }

    /// <summary>Path of the data file, as given to the reader.</summary>
    public string Path { get; }

    /// <summary>Examples in file order.</summary>
    public IReadOnlyList<TextExample> Examples { get; }

    /// <summary>Non-fatal findings such as duplicate rows and texts with two labels.</summary>
    public IReadOnlyList<DataWarning> Warnings { get; }

    /// <summary>Distinct labels in ordinal order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of examples of each label, enumerated in ordinal label order.</summary>
    public IReadOnlyDictionary<string, int> CountByLabel { get; }
}
