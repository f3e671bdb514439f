using System.Security.Cryptography;
using SuperTune.Core.Data;

namespace SuperTune.Core.Retrieval;

/// <summary>
/// Reads question/answer files (CSV, TSV or JSONL) through <see cref="DatasetReader"/>, so every format check
/// and error message of labelled data applies, one column pair at a time.
/// </summary>
public static class KnowledgeBaseReader
{
    /// <summary>Reads every row; the question and answer must be present, group and id may be absent.</summary>
    /// <exception cref="SuperTuneException">A file or column is missing or a row is invalid (file:line).</exception>
    public static KnowledgeBase Read(string path, KnowledgeBaseColumns? columns = null)
    {
        columns ??= new KnowledgeBaseColumns();
        var answers = Read(path, columns.AnswerColumn, columns, required: true).Examples;
        var groups = columns.GroupColumn is null ? null : ReadOptional(path, columns.GroupColumn, columns, true);
        var ids = ReadOptional(path, columns.IdColumn, columns, required: false);

        var entries = new List<KnowledgeBaseEntry>(answers.Count);
        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            var row = answers[i];
            var id = ids?[i].Label ?? $"line:{row.Line}";
            if (!seenIds.TryAdd(id, row.Line))
            {
                throw new SuperTuneException(
                    $"{path}:{row.Line}: id \"{id}\" repeats the id of line {seenIds[id]}.",
                    $"Give every row its own value in column \"{columns.IdColumn}\".");
            }

            entries.Add(new KnowledgeBaseEntry(id, row.Text, row.Label!, groups?[i].Label, row.Line));
        }

        return new KnowledgeBase(path, entries, HashFile(path));
    }

    /// <summary>Hex SHA-256 of a file's bytes.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static Dataset Read(string path, string column, KnowledgeBaseColumns columns, bool required)
    {
        try
        {
            return DatasetReader.Read(path, new DataReadOptions
            {
                TextColumn = columns.QuestionColumn,
                LabelColumn = column,
                Format = columns.Format,
                RequireLabels = required,
            });
        }
        catch (DataException error) when (error.Problem.Contains(" not found in the ", StringComparison.Ordinal))
        {
            // The shared reader's hint names --text-column and --label-column, which knowledge bases do not use.
            throw new DataException(error.File, error.Line, error.Column, error.Problem,
                "Pass --question-column and --answer-column (and --group-column, when used) with the names in the file.");
        }
    }

    // Returns null when the optional column is absent; a present group column must have a value on every row.
    private static IReadOnlyList<TextExample>? ReadOptional(string path, string column, KnowledgeBaseColumns columns,
        bool required)
    {
        var dataset = Read(path, column, columns, required: false);
        if (dataset.Examples.All(e => e.Label is null))
        {
            if (!required) return null;
            throw new SuperTuneException($"{path}: group column \"{column}\" not found or empty.",
                "Pass the column that names each row's intent or article with --group-column, or leave it out.");
        }

        var missing = dataset.Examples.FirstOrDefault(e => e.Label is null);
        if (required && missing is not null)
        {
            throw new SuperTuneException($"{path}:{missing.Line}: empty value in group column \"{column}\".",
                "Fill in the group or delete the row.");
        }

        return dataset.Examples;
    }
}
