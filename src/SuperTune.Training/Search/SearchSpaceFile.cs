using System.Globalization;
using System.Text.Json;
using SuperTune.Core;

namespace SuperTune.Training.Search;

/// <summary>
/// Reads a search space from JSON (<c>supertune search --space FILE</c>) and from the command line's
/// <c>A,B,C</c> and <c>MIN:MAX[:POINTS]</c> forms. A setting that the file leaves out keeps its default.
/// </summary>
/// <example>
/// <code>
/// {
///   "learning_rate": {"min": 2e-5, "max": 5e-4, "log": true, "grid_points": 4},
///   "num_train_epochs": [3, 5],
///   "per_device_train_batch_size": [16, 32],
///   "warmup_ratio": 0.1,
///   "weight_decay": [0, 0.01]
/// }
/// </code>
/// </example>
public static class SearchSpaceFile
{
    private static readonly string[] RangeKeys = ["min", "max", "log", "grid_points"];

    /// <summary>Reads the space in <paramref name="path"/> over the defaults.</summary>
    /// <exception cref="SuperTuneException">The file is missing, not JSON, or has an unknown or malformed setting.</exception>
    public static SearchSpace Load(string path)
    {
        if (!File.Exists(path)) throw new SuperTuneException($"--space {path}: file not found.");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
            });
        }
        catch (JsonException e)
        {
            throw new SuperTuneException(
                $"--space {path}: not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}.",
                "The file must be one JSON object such as {\"learning_rate\": {\"min\": 2e-5, \"max\": 5e-4, " +
                "\"log\": true}, \"num_train_epochs\": [3, 5]}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SuperTuneException($"--space {path}: the file must contain one JSON object.",
                    "Write an object whose keys are setting names, such as {\"num_train_epochs\": [3, 5]}.");
            }

            var space = new SearchSpace();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = SafeName(property, path);
                if (!SearchSpace.Settings.Any(s => s.Name == name))
                {
                    throw new SuperTuneException($"--space {path}: unknown setting \"{name}\".",
                        "Valid settings: " + string.Join(", ", SearchSpace.Settings.Select(s => s.Name)) + ".");
                }

                space = space.With(name, ReadRange(property.Value, $"--space {path}: {name}", log: name == "learning_rate"));
            }

            return space;
        }
    }

    /// <summary>
    /// Parses a command-line value: <c>A,B,C</c> is a list of choices, <c>MIN:MAX</c> or <c>MIN:MAX:POINTS</c> a
    /// range, log-scaled for the learning rate and linear otherwise.
    /// </summary>
    /// <exception cref="SuperTuneException">The text is neither form; the message names <paramref name="option"/>.</exception>
    public static ParameterRange ParseOption(string option, string text, bool log)
    {
        var hint = $"Write {option} as choices (A,B,C) or as a range (MIN:MAX or MIN:MAX:POINTS), such as " +
                   (log ? "2e-5:5e-4:4." : "0,0.1.");
        if (text.Contains(':'))
        {
            var parts = text.Split(':');
            if (parts.Length is < 2 or > 3) throw new SuperTuneException($"{option} \"{text}\" is not a range.", hint);
            var points = parts.Length == 3 ? (int)ParseNumber(option, parts[2], hint) : 3;
            if (parts.Length == 3 && points.ToString(CultureInfo.InvariantCulture) != parts[2].Trim())
            {
                throw new SuperTuneException($"{option} \"{text}\": grid points must be a whole number.", hint);
            }

            return ParameterRange.Between(ParseNumber(option, parts[0], hint), ParseNumber(option, parts[1], hint),
                log, points);
        }

        return ParameterRange.Choices(text.Split(',').Select(part => ParseNumber(option, part, hint)).ToArray());
    }

    private static ParameterRange ReadRange(JsonElement value, string place, bool log)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return ParameterRange.Choices(NumberOf(value, place));
            case JsonValueKind.Array:
                if (value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
                {
                    throw new SuperTuneException($"{place}: every value of the list must be a number.");
                }

                return ParameterRange.Choices(value.EnumerateArray().Select(v => NumberOf(v, place)).ToArray());
            case JsonValueKind.Object:
                return ReadBounds(value, place, log);
            default:
                throw new SuperTuneException($"{place}: expected a number, a list of numbers or " +
                                             "{\"min\": ..., \"max\": ...}, got a JSON " +
                                             value.ValueKind.ToString().ToLowerInvariant() + ".");
        }
    }

    private static ParameterRange ReadBounds(JsonElement value, string place, bool defaultLog)
    {
        foreach (var property in value.EnumerateObject())
        {
            var key = SafeName(property, place);
            if (!RangeKeys.Contains(key))
            {
                throw new SuperTuneException($"{place}: unknown key \"{key}\" in a range.",
                    "A range has min, max, and optionally log (true or false) and grid_points.");
            }
        }

        double Number(string key)
        {
            if (!value.TryGetProperty(key, out var element))
            {
                throw new SuperTuneException($"{place}: a range needs \"{key}\".");
            }

            return element.ValueKind == JsonValueKind.Number
                ? NumberOf(element, place)
                : throw new SuperTuneException($"{place}: \"{key}\" must be a number.");
        }

        var log = !value.TryGetProperty("log", out var logElement) ? defaultLog : logElement.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new SuperTuneException($"{place}: \"log\" must be true or false."),
        };
        var points = 3;
        if (value.TryGetProperty("grid_points", out var pointsElement) && !pointsElement.TryGetInt32(out points))
        {
            throw new SuperTuneException($"{place}: \"grid_points\" must be a whole number.");
        }

        return ParameterRange.Between(Number("min"), Number("max"), log, points);
    }

    private static double NumberOf(JsonElement element, string place) =>
        element.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new SuperTuneException($"{place}: {element.GetRawText()} is out of range for a number.");

    private static double ParseNumber(string option, string text, string hint) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && double.IsFinite(number)
            ? number
            : throw new SuperTuneException($"{option}: \"{text.Trim()}\" is not a number.", hint);

    private static string SafeName(JsonProperty property, string place)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new SuperTuneException($"{place}: a key has an invalid \\u escape.", JsonStrings.LoneSurrogateHint);
        }
    }
}
