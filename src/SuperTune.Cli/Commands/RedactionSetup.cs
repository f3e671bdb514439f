using SuperTune.Core.Entities;
using SuperTune.Core.Predictions;
using SuperTune.Core.Redaction;
using SuperTune.Training.Entities;

namespace SuperTune.Cli.Commands;

/// <summary>Builds a <see cref="Redactor"/> from command line choices: detectors alone or with an entity tagger.</summary>
internal sealed class RedactionSetup : IDisposable
{
    private readonly EntityPredictor? tagger;

    public RedactionSetup(string? modelFolder, bool pseudonyms, string device)
    {
        tagger = modelFolder is null ? null : EntityPredictor.Load(modelFolder, device);
        Func<IReadOnlyList<string>, IReadOnlyList<IReadOnlyList<PredictedEntity>>>? findEntities = tagger is null
            ? null
            : texts => [.. tagger.Predict(texts).Select(result => result.Entities)];
        Redactor = new Redactor(pseudonyms ? RedactionMode.Pseudonym : RedactionMode.Placeholder, findEntities);
    }

    public Redactor Redactor { get; }

    /// <summary>Redacts entity training data so that words and gold spans stay aligned.</summary>
    public TaggedDataset RedactTagged(TaggedDataset dataset) => TaggedExampleRedaction.Redact(dataset, Redactor);

    public void Dispose() => tagger?.Dispose();
}
