using System.Globalization;

namespace SuperTune.Core.Evaluation;

/// <summary>
/// Writes the files that back a classification report: the confusion matrix as CSV and as a PNG heat map,
/// and the misclassified examples as CSV. Each method creates the parent folder when it is missing.
/// </summary>
public static class EvaluationFiles
{
    /// <summary>File name of the confusion matrix in CSV form, as linked from report.md.</summary>
    public const string ConfusionCsvFileName = "confusion.csv";

    /// <summary>File name of the confusion matrix heat map, as linked from report.md.</summary>
    public const string ConfusionPngFileName = "confusion.png";

    /// <summary>File name of the misclassified examples, as linked from report.md.</summary>
    public const string ErrorsCsvFileName = "errors.csv";

    /// <summary>
    /// Writes confusion.csv, confusion.png and errors.csv into <paramref name="folder"/>. Returns false when the
    /// heat map was skipped because there are too many labels to draw; the CSV files are always written.
    /// </summary>
    public static bool WriteAll(this ClassificationEvaluation evaluation, string folder)
    {
        evaluation.WriteConfusionCsv(Path.Combine(folder, ConfusionCsvFileName));
        evaluation.WriteErrors(Path.Combine(folder, ErrorsCsvFileName));
        return evaluation.WriteConfusionPng(Path.Combine(folder, ConfusionPngFileName));
    }

    /// <summary>
    /// Writes the confusion matrix as CSV. The header row is <c>gold\predicted</c> followed by the predicted
    /// labels, and each further row is a gold label followed by its counts.
    /// </summary>
    public static void WriteConfusionCsv(this ClassificationEvaluation evaluation, string path)
    {
        var confusion = evaluation.Confusion;
        var labels = confusion.Labels;
        var lines = new List<string> { CsvText.FormatRow(["gold\\predicted", .. labels]) };
        for (var row = 0; row < labels.Count; row++)
        {
            var counts = Enumerable.Range(0, labels.Count)
                .Select(column => confusion[row, column].ToString(CultureInfo.InvariantCulture));
            lines.Add(CsvText.FormatRow([labels[row], .. counts]));
        }

        WriteLines(path, lines);
    }

    /// <summary>
    /// Writes the confusion matrix as a PNG heat map: gold labels as rows, predicted labels as columns, each
    /// cell coloured by its share of the row. The image grows with the number of labels so that 77 labels
    /// stay readable. Returns false without writing above <see cref="ConfusionHeatmap.MaxLabels"/> labels.
    /// </summary>
    public static bool WriteConfusionPng(this ClassificationEvaluation evaluation, string path)
    {
        CreateParentFolder(path);
        return ConfusionHeatmap.SavePng(evaluation.Confusion, path);
    }

    /// <summary>
    /// Writes the misclassified examples in input order as CSV with the columns
    /// <c>line,text,gold,predicted,confidence,top3</c>. <c>top3</c> lists up to three labels as
    /// <c>label:probability</c> separated by <c>"; "</c>, and is empty when the prediction has no top labels.
    /// </summary>
    public static void WriteErrors(this ClassificationEvaluation evaluation, string path)
    {
        var lines = new List<string> { "line,text,gold,predicted,confidence,top3" };
        foreach (var error in evaluation.Errors)
        {
            var top = error.TopLabels is null
                ? ""
                : string.Join("; ", error.TopLabels.Take(3).Select(t => t.Label + ":" + FormatProbability(t.Score)));
            lines.Add(CsvText.FormatRow([
                error.Line.ToString(CultureInfo.InvariantCulture),
                error.Text,
                error.Gold,
                error.Predicted,
                FormatProbability(error.Confidence),
                top,
            ]));
        }

        WriteLines(path, lines);
    }

    private static string FormatProbability(float value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static void WriteLines(string path, IEnumerable<string> lines)
    {
        CreateParentFolder(path);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    private static void CreateParentFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
