namespace SuperTune.Core.Data;

/// <summary>Checks, run before training starts, that a dataset can be trained on.</summary>
public static class DatasetValidation
{
    private const int MaxListedLabels = 10;

    /// <summary>Throws unless the dataset has at least two distinct labels.</summary>
    /// <exception cref="SuperTuneException">The dataset has no label or only one, which the message names.</exception>
    public static void RequireAtLeastTwoLabels(Dataset dataset)
    {
        const string Hint = "A classifier needs examples of at least two labels. Add examples of other labels, "
            + "or check that --label-column names the column with the labels.";
        if (dataset.Labels.Count == 0)
        {
            throw new SuperTuneException($"{dataset.Path} has no labels.", Hint);
        }

        if (dataset.Labels.Count == 1)
        {
            string label = dataset.Labels[0];
            throw new SuperTuneException(
                $"{dataset.Path} has only one label, \"{label}\" ({dataset.CountByLabel[label]} examples).", Hint);
        }
    }

    /// <summary>
    /// Throws unless every label has at least 2 examples, so that a stratified split can put one in each part.
    /// </summary>
    /// <param name="dataset">Dataset to split.</param>
    /// <param name="fraction">Share of each label that goes to validation, between 0 and 1 exclusive.</param>
    /// <exception cref="DataException">
    /// A label has a single example. The location is that example's line, and the message lists up to
    /// ten other such labels.
    /// </exception>
    public static void RequireStratifiable(Dataset dataset, double fraction)
    {
        StratifiedSplit.ValidateFraction(fraction);
        TextExample[] singles = [.. dataset.Examples.Where(example =>
            example.Label is { } label && dataset.CountByLabel[label] == 1)];
        if (singles.Length == 0)
        {
            return;
        }

        TextExample first = singles[0];
        string problem = $"label \"{first.Label}\" has only 1 example, but a stratified validation split "
            + "needs at least 2 examples of each label";
        if (singles.Length > 1)
        {
            TextExample[] others = singles[1..];
            IEnumerable<string> listed = others.Take(MaxListedLabels)
                .Select(example => $"\"{example.Label}\" (line {example.Line})");
            string more = others.Length > MaxListedLabels ? $" and {others.Length - MaxListedLabels} more" : "";
            problem += $". Other labels with 1 example: {string.Join(", ", listed)}{more}";
        }

        throw new DataException(dataset.Path, first.Line, null, problem,
            "Add examples of the label, drop the label, or pass a validation file with --validation.");
    }
}
