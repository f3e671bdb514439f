namespace SuperTune.Training;

/// <summary>The result of one validation pass.</summary>
/// <param name="Loss">Mean validation loss, the tie-breaker between equal scores.</param>
/// <param name="Score">The higher-is-better score that selects the best epoch.</param>
/// <param name="Metrics">Every metric of the pass by name (the score included), for logs and metrics.jsonl.</param>
public sealed record ValidationScores(double Loss, double Score, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>The scores before any validation: worse than every real pass.</summary>
    public static ValidationScores None { get; } =
        new(double.PositiveInfinity, double.NegativeInfinity, new Dictionary<string, double>());

    /// <summary>Returns whether these scores beat <paramref name="other"/>: a higher score, or an equal one at lower loss.</summary>
    public bool IsBetterThan(ValidationScores other) =>
        Score > other.Score || (Score == other.Score && Loss < other.Loss);
}
