using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SuperTune.Core;

/// <summary>
/// Reads JSON strings and property names that may contain an escaped lone surrogate such as <c>"\ud800"</c>.
/// Such an escape is valid JSON but not valid Unicode text, and System.Text.Json (10.0) throws
/// <see cref="InvalidOperationException"/> when it decodes one, which callers would otherwise report as a crash.
/// </summary>
public static class JsonStrings
{
    /// <summary>Hint for an error about a lone surrogate escape.</summary>
    public const string LoneSurrogateHint =
        "Remove the \\uD800-\\uDFFF escape, or write the complete surrogate pair of the character.";

    /// <summary>
    /// Decodes a string value. Returns false when <paramref name="element"/> is not a string or its escapes
    /// decode to a lone surrogate.
    /// </summary>
    public static bool TryGetText(JsonElement element, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Decodes a property name. Returns false when its escapes decode to a lone surrogate.</summary>
    public static bool TryGetName(JsonProperty property, [NotNullWhen(true)] out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }

    /// <summary>
    /// Returns whether a property name of the object <paramref name="element"/> cannot be decoded. Check this
    /// before <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>, which throws on such a name.
    /// </summary>
    public static bool HasUndecodableName(JsonElement element) =>
        element.EnumerateObject().Any(property => !TryGetName(property, out _));
}
