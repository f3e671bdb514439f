using SuperTune.Core;
using SuperTune.Core.Data;
using SuperTune.Core.Retrieval;

namespace SuperTune.Training.Retrieval;

/// <summary>
/// Reads evaluation questions with the answer key that counts as right: the group column's value when the
/// knowledge base has groups (such as an intent), else the answer text.
/// </summary>
public static class HeldOutQuestions
{
    /// <summary>Reads <paramref name="path"/>; every row needs a question and a relevance value.</summary>
    public static List<(string Question, string? RelevantKey)> Read(string path, KnowledgeBaseColumns columns)
    {
        var dataset = DatasetReader.Read(path, new DataReadOptions
        {
            TextColumn = columns.QuestionColumn,
            LabelColumn = columns.GroupColumn ?? columns.AnswerColumn,
            Format = columns.Format,
        });
        return dataset.Examples.Select(e => (e.Text, (string?)e.Label)).ToList();
    }

    /// <summary>
    /// Reads questions that have no right answer; with <paramref name="label"/>, only the rows whose label column
    /// equals it (such as CLINC150's "oos").
    /// </summary>
    public static List<(string Question, string? RelevantKey)> ReadOutOfScope(string path, string textColumn,
        string? label, string labelColumn = "label")
    {
        var dataset = DatasetReader.Read(path, new DataReadOptions
        {
            TextColumn = textColumn,
            LabelColumn = labelColumn,
            RequireLabels = label is not null,
        });
        var rows = dataset.Examples.Where(e => label is null || e.Label == label).ToList();
        if (rows.Count == 0)
        {
            throw new SuperTuneException($"{path}: no rows with {labelColumn} \"{label}\".",
                "Check --oos-label, or leave it out to use every row.");
        }

        return rows.Select(e => (e.Text, (string?)null)).ToList();
    }
}
