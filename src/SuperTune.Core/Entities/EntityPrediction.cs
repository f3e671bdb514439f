namespace SuperTune.Core.Entities;

/// <summary>The gold and predicted entities of one evaluated example.</summary>
/// <param name="Example">The gold example.</param>
/// <param name="PredictedTags">The predicted BIO tag of each word of the example.</param>
/// <param name="PredictedSpans">The spans that <paramref name="PredictedTags"/> decode to.</param>
public sealed record EntityPrediction(
    TaggedExample Example, IReadOnlyList<string> PredictedTags, IReadOnlyList<EntitySpan> PredictedSpans)
{
    /// <summary>Whether the predicted spans differ from the gold spans.</summary>
    public bool IsError => !Example.Spans.SequenceEqual(PredictedSpans);
}
