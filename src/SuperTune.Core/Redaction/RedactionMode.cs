namespace SuperTune.Core.Redaction;

/// <summary>What replaces a redacted span.</summary>
public enum RedactionMode
{
    /// <summary>The span's type in brackets, such as <c>[EMAIL]</c>.</summary>
    Placeholder,

    /// <summary>
    /// A numbered placeholder, such as <c>[EMAIL_1]</c>, that is the same for every occurrence of the same value within
    /// one document, so a reader can still tell two addresses apart.
    /// </summary>
    Pseudonym,
}
