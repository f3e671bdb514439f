namespace SuperTune.Core.Retrieval;

/// <summary>Turns texts into L2-normalised sentence embeddings, so a dot product is the cosine similarity.</summary>
public interface ISentenceEmbedder
{
    /// <summary>Length of every embedding.</summary>
    int Dimension { get; }

    /// <summary>
    /// Identity of the weights and settings that produce the embeddings; a cached embedding is reused only under
    /// the same fingerprint.
    /// </summary>
    string Fingerprint { get; }

    /// <summary>Embeds <paramref name="texts"/> in order; each row has <see cref="Dimension"/> values.</summary>
    float[][] Embed(IReadOnlyList<string> texts);
}
