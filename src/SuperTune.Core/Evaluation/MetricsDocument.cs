using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SuperTune.Core.Data;

namespace SuperTune.Core.Evaluation;

/// <summary>
/// The metrics.json of a model folder: a JSON object of named sections such as <c>training</c>,
/// <c>validation</c>, <c>test</c> and <c>evaluation</c>, each mapping metric names to numbers, strings or booleans.
/// </summary>
/// <remarks>
/// <see cref="Write"/> merges: sections already in the file that this document does not set are kept, so an
/// evaluation run adds its section without losing the training run's. Doubles are rounded to 6 significant
/// digits. NaN and infinities, which JSON numbers cannot express, are written as the strings
/// <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>.
/// </remarks>
public sealed class MetricsDocument
{
    private static readonly JsonSerializerOptions IndentedOptions = new() { WriteIndented = true };

    private readonly OrderedDictionary<string, JsonObject> _sections = new(StringComparer.Ordinal);

    /// <summary>Names of the sections in this document, in the order they were first set or read.</summary>
    public IReadOnlyList<string> SectionNames => [.. _sections.Keys];

    /// <summary>
    /// Reads the object-valued sections of the metrics file at <paramref name="path"/>, or returns an empty
    /// document when the file does not exist.
    /// </summary>
    /// <exception cref="SuperTuneException">The file is not valid JSON, or its root is not an object.</exception>
    public static MetricsDocument Load(string path)
    {
        var document = new MetricsDocument();
        foreach (var (name, node) in ReadRoot(path) ?? [])
        {
            if (node is JsonObject section)
            {
                document._sections[name] = (JsonObject)section.DeepClone();
            }
        }

        return document;
    }

    /// <summary>Adds the section <paramref name="name"/>, or replaces it whole when it exists.</summary>
    /// <param name="name">Section name, such as <c>training</c> or <c>evaluation</c>.</param>
    /// <param name="values">Metric names and values: double, float, int, long, decimal, string or bool.</param>
    /// <exception cref="ArgumentException">A name is empty or a value has another type.</exception>
    public void SetSection(string name, IReadOnlyDictionary<string, object> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);

        var section = new JsonObject();
        foreach (var (key, value) in values)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException($"Section '{name}' has an empty metric name.", nameof(values));
            }

            section[key] = ToJsonValue(name, key, value);
        }

        _sections[name] = section;
    }

    /// <summary>
    /// Returns the metrics of section <paramref name="name"/>, or null when there is no such section.
    /// Whole numbers come back as int (or long when they do not fit), other numbers as double, strings as string
    /// and booleans as bool. Nulls, arrays and objects come back as their JSON text.
    /// </summary>
    public IReadOnlyDictionary<string, object>? GetSection(string name)
    {
        if (!_sections.TryGetValue(name, out var section))
        {
            return null;
        }

        var values = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, node) in section)
        {
            values[key] = FromJsonNode(node);
        }

        return values;
    }

    /// <summary>
    /// Writes the sections to <paramref name="path"/> as indented JSON, keeping the sections of an existing file
    /// that this document does not set. The file is replaced atomically, so an interrupted write leaves the old
    /// file in place.
    /// </summary>
    /// <exception cref="SuperTuneException">
    /// The existing file is not valid JSON, or its root is not an object. The file is left unchanged.
    /// </exception>
    public void Write(string path)
    {
        var root = ReadRoot(path) ?? new JsonObject();
        foreach (var (name, section) in _sections)
        {
            root[name] = section.DeepClone();
        }

        AtomicFile.WriteAllText(path, root.ToJsonString(IndentedOptions) + "\n");
    }

    private static JsonObject? ReadRoot(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException exception)
        {
            var line = (int)(exception.LineNumber ?? 0) + 1;
            var column = (int)(exception.BytePositionInLine ?? 0) + 1;
            throw new SuperTuneException(
                $"{DataException.FormatLocation(path, line, column)}: metrics file is not valid JSON.",
                "Fix the JSON, or delete the file to start a new one (its sections will be lost).",
                exception);
        }

        return root as JsonObject ?? throw new SuperTuneException(
            $"{path}: metrics file must contain a JSON object of sections, but its root is " +
            $"{root?.GetValueKind().ToString() ?? "null"}.",
            "Delete the file to start a new one, or wrap its content in an object.");
    }

    private static JsonValue ToJsonValue(string section, string key, object value) => value switch
    {
        double number => ToJsonNumber(number),
        float number => ToJsonNumber(number),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        decimal number => ToJsonNumber((double)number),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        _ => throw new ArgumentException(
            $"Metric '{section}.{key}' has type {value?.GetType().Name ?? "null"}; " +
            "use double, float, int, long, decimal, string or bool.",
            "values"),
    };

    private static JsonValue ToJsonNumber(double number)
    {
        if (!double.IsFinite(number))
        {
            return JsonValue.Create(number.ToString(CultureInfo.InvariantCulture));
        }

        var rounded = double.Parse(number.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return JsonValue.Create(rounded);
    }

    private static object FromJsonNode(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return node?.ToJsonString() ?? "null";
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<int>(out var whole) => whole,
            JsonValueKind.Number when value.TryGetValue<long>(out var large) => large,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => value.ToJsonString(),
        };
    }
}
