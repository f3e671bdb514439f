namespace SuperTune.Core.Evaluation;

/// <summary>
/// Counts of examples by gold label (rows) and predicted label (columns), both over the same
/// <see cref="Labels"/>.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;
    private readonly Dictionary<string, int> _indexByLabel;

    internal ConfusionMatrix(IReadOnlyList<string> labels)
    {
        Labels = labels;
        _counts = new int[labels.Count, labels.Count];
        _indexByLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            _indexByLabel.Add(labels[i], i);
        }
    }

    /// <summary>Row and column labels: the model's labels in its order, then gold labels it has never seen.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of examples with gold label index <paramref name="gold"/> predicted as index
    /// <paramref name="predicted"/>.</summary>
    public int this[int gold, int predicted] => _counts[gold, predicted];

    /// <summary>Number of examples with gold label <paramref name="gold"/> predicted as
    /// <paramref name="predicted"/>, or 0 when either label is not in <see cref="Labels"/>.</summary>
    public int Count(string gold, string predicted) =>
        _indexByLabel.TryGetValue(gold, out var row) && _indexByLabel.TryGetValue(predicted, out var column)
            ? _counts[row, column]
            : 0;

    /// <summary>Number of examples whose gold label has index <paramref name="gold"/>.</summary>
    public int RowTotal(int gold)
    {
        var total = 0;
        for (var column = 0; column < Labels.Count; column++)
        {
            total += _counts[gold, column];
        }

        return total;
    }

    /// <summary>Number of examples predicted as the label with index <paramref name="predicted"/>.</summary>
    public int ColumnTotal(int predicted)
    {
        var total = 0;
        for (var row = 0; row < Labels.Count; row++)
        {
            total += _counts[row, predicted];
        }

        return total;
    }

    internal int IndexOf(string label) => _indexByLabel.TryGetValue(label, out var index) ? index : -1;

    internal void Add(int gold, int predicted) => _counts[gold, predicted]++;
}
