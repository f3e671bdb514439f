using SuperTune.Core.Redaction;
using SuperTune.Inference;

namespace SuperTune.Server.Api;

/// <summary>
/// The redactors of <c>POST /v1/redact</c> and of logged request texts: the deterministic detectors, combined with
/// the entity tagger when the server has one.
/// </summary>
internal sealed class ServerRedactors(OnnxEntityTagger? tagger)
{
    /// <summary>Writes typed placeholders such as <c>[EMAIL]</c>.</summary>
    public Redactor Placeholders { get; } = new(RedactionMode.Placeholder, tagger);

    /// <summary>Writes numbered pseudonyms such as <c>[EMAIL_1]</c>.</summary>
    public Redactor Pseudonyms { get; } = new(RedactionMode.Pseudonym, tagger);

    /// <summary>Whether model entities are redacted too, so each call runs the tagger.</summary>
    public bool UsesTagger { get; } = tagger is not null;
}
