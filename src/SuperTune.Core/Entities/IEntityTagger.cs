using SuperTune.Core.Predictions;

namespace SuperTune.Core.Entities;

/// <summary>A fine-tuned entity tagger, whichever runtime runs it; disposing releases the runtime's model.</summary>
public interface IEntityTagger : IDisposable
{
    /// <summary>The entity types the model tags, without BIO prefixes.</summary>
    IReadOnlyList<string> EntityTypes { get; }

    /// <summary>Returns the entities of each text, in input order.</summary>
    IReadOnlyList<EntityResult> Predict(IReadOnlyList<string> texts);
}
