using System.Globalization;

namespace SuperTune.Core.Data;

/// <summary>
/// Bijection between class labels and the ids 0..Count-1 of a classifier's outputs, stored in a model's
/// config.json as Hugging Face's <c>id2label</c> and <c>label2id</c>.
/// </summary>
public sealed class LabelMap
{
    private readonly string[] labels;
    private readonly Dictionary<string, int> ids;

    /// <summary>Creates a map in which each label's id is its index in <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">The list is empty, or a label is empty or repeated.</exception>
    public LabelMap(IEnumerable<string> labels)
    {
        this.labels = [.. labels];
        ids = IndexLabels(this.labels, out string? problem)
            ?? throw new ArgumentException($"Invalid labels: {problem}", nameof(labels));
        Labels = Array.AsReadOnly(this.labels);
    }

    private LabelMap(string[] labels, Dictionary<string, int> ids)
    {
        this.labels = labels;
        this.ids = ids;
        Labels = Array.AsReadOnly(labels);
    }

    /// <summary>Number of labels.</summary>
    public int Count => labels.Length;

    /// <summary>Labels in id order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Creates a map that numbers the distinct labels in ordinal order, as training assigns ids.</summary>
    public static LabelMap FromLabels(IEnumerable<string> labels) =>
        new(labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>Returns the id of a label.</summary>
    /// <exception cref="KeyNotFoundException">The label is not in the map.</exception>
    public int Id(string label) => ids.TryGetValue(label, out int id)
        ? id
        : throw new KeyNotFoundException($"Label \"{label}\" is not one of the {Count} labels of this label map.");

    /// <summary>Looks up the id of a label, returning false when the label is not in the map.</summary>
    public bool TryGetId(string label, out int id) => ids.TryGetValue(label, out id);

    /// <summary>Returns the label of an id.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is not between 0 and Count - 1.</exception>
    public string Label(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
        return labels[id];
    }

    /// <summary>Returns <c>id2label</c> as config.json stores it: decimal id strings "0", "1", ... to labels.</summary>
    public Dictionary<string, string> ToId2Label() =>
        Enumerable.Range(0, Count).ToDictionary(id => id.ToString(CultureInfo.InvariantCulture), id => labels[id]);

    /// <summary>Returns <c>label2id</c> as config.json stores it: labels to ids.</summary>
    public Dictionary<string, int> ToLabel2Id() => new(ids, StringComparer.Ordinal);

    /// <summary>Creates a map from config.json's <c>id2label</c>, whose keys must be exactly "0" to "n-1".</summary>
    /// <exception cref="SuperTuneException">
    /// A key is not a decimal id from 0 to n-1, or a label is empty or repeats.
    /// </exception>
    public static LabelMap FromId2Label(IReadOnlyDictionary<string, string> id2label)
    {
        var labels = new string?[id2label.Count];
        foreach ((string key, string label) in id2label)
        {
            bool isId = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                && id < labels.Length && id.ToString(CultureInfo.InvariantCulture) == key;
            if (!isId)
            {
                throw InvalidMapping("id2label", $"key \"{key}\" is not an id between 0 and {labels.Length - 1}.");
            }

            labels[id] = label;
        }

        return Create("id2label", labels!);
    }

    /// <summary>Creates a map from config.json's <c>label2id</c>, whose ids must be exactly 0 to n-1.</summary>
    /// <exception cref="SuperTuneException">An id is out of range or repeats, or a label is empty.</exception>
    public static LabelMap FromLabel2Id(IReadOnlyDictionary<string, int> label2id)
    {
        var labels = new string?[label2id.Count];
        foreach ((string label, int id) in label2id)
        {
            if (id < 0 || id >= labels.Length)
            {
                throw InvalidMapping("label2id", $"label \"{label}\" has id {id}, outside 0 to {labels.Length - 1}.");
            }

            if (labels[id] is { } other)
            {
                throw InvalidMapping("label2id", $"labels \"{other}\" and \"{label}\" both have id {id}.");
            }

            labels[id] = label;
        }

        return Create("label2id", labels!);
    }

    private static LabelMap Create(string source, string[] labels)
    {
        Dictionary<string, int> ids = IndexLabels(labels, out string? problem)
            ?? throw InvalidMapping(source, problem!);
        return new LabelMap(labels, ids);
    }

    // Returns the id of each label, or null and a description of the first problem: no labels, an empty
    // label or a repeated one.
    private static Dictionary<string, int>? IndexLabels(string[] labels, out string? problem)
    {
        problem = null;
        if (labels.Length == 0)
        {
            problem = "a label map needs at least one label.";
            return null;
        }

        var ids = new Dictionary<string, int>(labels.Length, StringComparer.Ordinal);
        for (int id = 0; id < labels.Length; id++)
        {
            if (string.IsNullOrEmpty(labels[id]))
            {
                problem = $"label {id} is empty.";
                return null;
            }

            if (!ids.TryAdd(labels[id], id))
            {
                problem = $"label \"{labels[id]}\" appears twice, with ids {ids[labels[id]]} and {id}.";
                return null;
            }
        }

        return ids;
    }

    private static SuperTuneException InvalidMapping(string source, string problem) =>
        new($"Invalid {source}: {problem}", "Give each label one id, numbering the ids from 0 without gaps.");
}
