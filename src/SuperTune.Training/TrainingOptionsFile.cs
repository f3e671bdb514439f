using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using SuperTune.Core;

namespace SuperTune.Training;

/// <summary>
/// Reads <see cref="TrainingOptions"/> from a JSON file in the format of <c>training_options.json</c>, for
/// <c>supertune train --options FILE</c>. Settings absent from the file keep their defaults.
/// </summary>
public static class TrainingOptionsFile
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The JSON names of every setting, in declaration order.</summary>
    public static IReadOnlyList<string> SettingNames { get; } = typeof(TrainingOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
        .OfType<string>()
        .ToList();

    /// <summary>Reads and validates the options in <paramref name="path"/>.</summary>
    /// <param name="optionName">The command-line option that named the file, quoted in every error.</param>
    /// <exception cref="SuperTuneException">
    /// The file is missing, is not a JSON object, names an unknown setting, contains a value of the wrong type,
    /// or contains a value that <see cref="TrainingOptions.Validate"/> rejects.
    /// </exception>
    public static TrainingOptions Load(string path, string optionName = "--options")
    {
        if (!File.Exists(path))
        {
            throw new SuperTuneException($"{optionName} {path}: file not found.",
                "Pass a JSON file such as the training_options.json of a model folder or the best_options.json " +
                "that `supertune search` writes.");
        }

        var text = File.ReadAllText(path);
        RequireKnownSettings(path, text, optionName);
        TrainingOptions options;
        try
        {
            options = JsonSerializer.Deserialize<TrainingOptions>(text, JsonOptions)
                      ?? throw new SuperTuneException($"{optionName} {path}: the file contains null, not a JSON object.");
        }
        catch (InvalidOperationException)
        {
            throw new SuperTuneException($"{optionName} {path}: a string value has an invalid \\u escape.",
                JsonStrings.LoneSurrogateHint);
        }
        catch (JsonException e)
        {
            var place = e.Path is { Length: > 1 } jsonPath ? $"the value of {jsonPath[2..]}" : "the JSON";
            throw new SuperTuneException(
                $"{optionName} {path}: {place} is invalid at line {e.LineNumber + 1}.",
                "Write numbers without quotes and names as strings, as in a model folder's training_options.json.");
        }

        try
        {
            options.Validate();
        }
        catch (SuperTuneException e)
        {
            throw new SuperTuneException($"{optionName} {path}: {e.Message}",
                "Fix the value in the file, or override it with the named command-line option.");
        }

        return options;
    }

    private static void RequireKnownSettings(string path, string text, string optionName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
            });
        }
        catch (JsonException e)
        {
            throw new SuperTuneException(
                $"{optionName} {path}: not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}.",
                "The file must be one JSON object such as {\"learning_rate\": 0.0001, \"num_train_epochs\": 3}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SuperTuneException(
                    $"{optionName} {path}: the file contains a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, " +
                    "not an object.", "Write one JSON object whose keys are setting names.");
            }

            string? unknown;
            try
            {
                unknown = document.RootElement.EnumerateObject().Select(p => p.Name)
                    .FirstOrDefault(name => !SettingNames.Contains(name, StringComparer.Ordinal));
            }
            catch (InvalidOperationException)
            {
                throw new SuperTuneException($"{optionName} {path}: a setting name has an invalid \\u escape.",
                    JsonStrings.LoneSurrogateHint);
            }

            if (unknown is not null)
            {
                throw new SuperTuneException($"{optionName} {path}: unknown setting \"{unknown}\".",
                    "Valid settings: " + string.Join(", ", SettingNames) + ".");
            }
        }
    }
}
