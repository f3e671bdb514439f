using SuperTune.Core.Entities;
using SuperTune.Core.Redaction;

namespace SuperTune.Cli.Commands;

/// <summary>Builds a <see cref="Redactor"/> from command line choices: detectors alone or with an entity tagger.</summary>
internal sealed class RedactionSetup : IDisposable
{
    private readonly IEntityTagger? tagger;

    /// <param name="context">Receives the warning when the tagger has no model.onnx.</param>
    /// <param name="modelFolder">The tagger folder of <c>--model</c>, or null for the detectors alone.</param>
    public RedactionSetup(CliContext context, string? modelFolder, bool pseudonyms, string device)
    {
        tagger = modelFolder is null ? null : TaggerLoader.Load(context, modelFolder, device);
        Redactor = new Redactor(pseudonyms ? RedactionMode.Pseudonym : RedactionMode.Placeholder, tagger);
    }

    public Redactor Redactor { get; }

    /// <summary>Redacts entity training data so that words and gold spans stay aligned.</summary>
    public TaggedDataset RedactTagged(TaggedDataset dataset) => TaggedExampleRedaction.Redact(dataset, Redactor);

    public void Dispose() => tagger?.Dispose();
}
