using System.Text.Json;
using SuperTune.Core;
using SuperTune.Inference;

namespace SuperTune.Server.Api;

/// <summary>
/// Reads a classify request from parsed JSON and checks it against the server's limits. The first problem
/// found is returned as a 400 that names its field, such as <c>texts[3]</c> or <c>top_k</c>.
/// </summary>
internal static class ClassifyRequestParser
{
    private const string TextsField = "texts";
    private const string TextField = "text";
    private const string TopKField = "top_k";
    private const string ThresholdField = "threshold";

    /// <summary>The end of a problem about a string or field name with an escaped lone surrogate.</summary>
    internal const string LoneSurrogateProblem = "contains an escaped lone surrogate (\\uD800-\\uDFFF without its "
        + "pair), which is not valid Unicode text. " + JsonStrings.LoneSurrogateHint;

    /// <summary>
    /// Reads the request body and parses it as <see cref="Parse"/> does. Returns the texts and options, or null texts
    /// with the problem to respond with.
    /// </summary>
    public static async Task<(IReadOnlyList<string>? Texts, ClassifyOptions Options, IResult? Problem)> ReadAsync(
        HttpContext context, ServerOptions limits, bool acceptsClassifyOptions = true)
    {
        (JsonDocument? document, IResult? problem) =
            await RequestBody.ReadJsonAsync(context, limits.MaxRequestBodyBytes, allowEmpty: false);
        if (problem is not null)
        {
            return (null, ClassifyOptions.Default, problem);
        }

        using (document)
        {
            (IReadOnlyList<string>? texts, ClassifyOptions options) = Parse(document!.RootElement, limits, out problem,
                acceptsClassifyOptions: acceptsClassifyOptions);
            return (texts, options, problem);
        }
    }

    /// <summary>Returns the texts and options, or null with <paramref name="problem"/> set.</summary>
    /// <param name="skippedField">A field that the caller reads itself, which this parser passes over.</param>
    /// <param name="acceptsClassifyOptions">
    /// Whether <c>top_k</c> and <c>threshold</c> are known fields; without them only the texts are, as for
    /// <c>/v1/entities</c>.
    /// </param>
    public static (IReadOnlyList<string>? Texts, ClassifyOptions Options) Parse(JsonElement root,
        ServerOptions limits, out IResult? problem, string? skippedField = null, bool acceptsClassifyOptions = true)
    {
        problem = null;
        ClassifyOptions options = ClassifyOptions.Default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = Problems.Invalid(Problems.Body, $"The request body must be a JSON object, not {Kind(root)}.");
            return (null, options);
        }

        JsonElement? texts = null, text = null, topK = null, threshold = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!JsonStrings.TryGetName(property, out string? name))
            {
                problem = Problems.Invalid(Problems.Body, $"A field name {LoneSurrogateProblem}");
                return (null, options);
            }

            if (!seen.Add(name))
            {
                problem = Problems.Invalid(name, $"{name} appears more than once.");
                return (null, options);
            }

            if (name == skippedField)
            {
                continue;
            }

            switch (name)
            {
                case TextsField: texts = property.Value; break;
                case TextField: text = property.Value; break;
                case TopKField when acceptsClassifyOptions: topK = property.Value; break;
                case ThresholdField when acceptsClassifyOptions: threshold = property.Value; break;
                default:
                    string fields = acceptsClassifyOptions
                        ? $"{TextsField}, {TextField}, {TopKField} and {ThresholdField}"
                        : $"{TextsField} and {TextField}";
                    problem = Problems.Invalid(name, $"{name} is not a known field; the fields are {fields}.");
                    return (null, options);
            }
        }

        IReadOnlyList<string>? values = ReadTexts(texts, text, limits, out problem);
        if (values is null)
        {
            return (null, options);
        }

        options = ReadOptions(topK, threshold, out problem);
        return problem is null ? (values, options) : (null, options);
    }

    private static IReadOnlyList<string>? ReadTexts(JsonElement? texts, JsonElement? text, ServerOptions limits,
        out IResult? problem)
    {
        problem = null;
        if (texts is not null && text is not null)
        {
            problem = Problems.Invalid(TextField, $"Send either {TextsField} or {TextField}, not both.");
            return null;
        }

        if (text is JsonElement single)
        {
            if (single.ValueKind != JsonValueKind.String)
            {
                problem = Problems.Invalid(TextField, $"{TextField} must be a string, not {Kind(single)}.");
                return null;
            }

            problem = ReadText(TextField, single, limits, out string? value);
            return problem is null ? [value!] : null;
        }

        if (texts is not JsonElement array)
        {
            problem = Problems.Invalid(TextsField, $"{TextsField} is missing; send {{\"{TextsField}\": [\"...\"]}}.");
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problem = Problems.Invalid(TextsField, $"{TextsField} must be an array of strings, not {Kind(array)}.");
            return null;
        }

        int count = array.GetArrayLength();
        if (count == 0)
        {
            problem = Problems.Invalid(TextsField, $"{TextsField} is empty; send at least one text.");
            return null;
        }

        if (count > limits.MaxTextsPerRequest)
        {
            problem = Problems.Invalid(TextsField,
                $"{TextsField} has {count} texts, but the limit is {limits.MaxTextsPerRequest} per request.");
            return null;
        }

        var values = new List<string>(count);
        foreach (JsonElement element in array.EnumerateArray())
        {
            string field = $"{TextsField}[{values.Count}]";
            if (element.ValueKind != JsonValueKind.String)
            {
                problem = Problems.Invalid(field, $"{field} must be a string, not {Kind(element)}.");
                return null;
            }

            problem = ReadText(field, element, limits, out string? value);
            if (problem is not null)
            {
                return null;
            }

            values.Add(value!);
        }

        return values;
    }

    // Returns a problem when the string cannot be decoded or breaks a limit, and sets value otherwise.
    private static IResult? ReadText(string field, JsonElement element, ServerOptions limits, out string? value)
    {
        if (!JsonStrings.TryGetText(element, out value))
        {
            return Problems.Invalid(field, $"{field} {LoneSurrogateProblem}");
        }

        return CheckText(field, value, limits);
    }

    private static IResult? CheckText(string field, string value, ServerOptions limits)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problems.Invalid(field, $"{field} is empty or only whitespace.");
        }

        if (value.Length > limits.MaxTextLength)
        {
            return Problems.Invalid(field,
                $"{field} has {value.Length} characters, but the limit is {limits.MaxTextLength}.");
        }

        return null;
    }

    private static ClassifyOptions ReadOptions(JsonElement? topK, JsonElement? threshold, out IResult? problem)
    {
        problem = null;
        var options = new ClassifyOptions();
        if (topK is JsonElement k && k.ValueKind != JsonValueKind.Null)
        {
            if (k.ValueKind != JsonValueKind.Number || !k.TryGetInt32(out int value) || value < 1)
            {
                problem = Problems.Invalid(TopKField,
                    $"{TopKField} must be a whole number of at least 1, not {Quote(k)}.");
                return options;
            }

            options = options with { TopK = value };
        }

        if (threshold is JsonElement t && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetDouble(out double value) || value is < 0 or > 1)
            {
                problem = Problems.Invalid(ThresholdField,
                    $"{ThresholdField} must be a number from 0 to 1, not {Quote(t)}.");
                return options;
            }

            options = options with { Threshold = (float)value };
        }

        return options;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Quote(JsonElement element)
    {
        const int MaxQuotedLength = 40;
        string raw = element.GetRawText();
        return raw.Length <= MaxQuotedLength ? raw : raw[..MaxQuotedLength] + "...";
    }
}
