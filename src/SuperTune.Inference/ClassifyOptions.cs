namespace SuperTune.Inference;

/// <summary>Settings of one <see cref="OnnxClassifier.Classify"/> call.</summary>
public sealed record ClassifyOptions
{
    /// <summary>The defaults: 3 labels per result and no fallback.</summary>
    public static ClassifyOptions Default { get; } = new();

    /// <summary>
    /// Number of labels in <see cref="Core.Predictions.ClassificationResult.TopLabels"/> (default 3, at least 1).
    /// A value above the model's label count returns every label.
    /// </summary>
    public int TopK { get; init; } = 3;

    /// <summary>
    /// Minimum probability of the best label, from 0 to 1. A result whose score is below it has
    /// <see cref="Core.Predictions.ClassificationResult.Fallback"/> set. Default 0, which never falls back.
    /// </summary>
    public float Threshold { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TopK, 1, nameof(TopK));
        if (!(Threshold >= 0 && Threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "The threshold must be from 0 to 1.");
        }
    }
}
