using System.Text;
using SuperTune.Core.Evaluation;

namespace SuperTune.Core.Data;

/// <summary>Writes labelled examples as a CSV file with a <c>text,label</c> header, which the default reader reads back.</summary>
public static class LabeledCsvWriter
{
    /// <summary>
    /// Writes <paramref name="examples"/> to <paramref name="path"/> in their order, quoting fields as RFC 4180
    /// requires, and replaces the file atomically.
    /// </summary>
    /// <exception cref="ArgumentException">An example has no label.</exception>
    public static void Write(string path, IEnumerable<TextExample> examples)
    {
        var text = new StringBuilder("text,label\n");
        foreach (var example in examples)
        {
            var label = example.Label ?? throw new ArgumentException(
                $"The example on line {example.Line} has no label, so it cannot be written as labelled data.",
                nameof(examples));
            text.Append(CsvText.FormatRow([example.Text, label])).Append('\n');
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }
}
