namespace SuperTune.Inference.Assistant;

/// <summary>The sentiment or urgency check of one customer message.</summary>
/// <param name="Label">The classifier's top label for the message.</param>
/// <param name="Score">Probability of the configured escalation label, such as <c>negative</c>.</param>
/// <param name="Escalates">Whether <paramref name="Score"/> reached the threshold, so a person takes over.</param>
public sealed record SentimentReading(string Label, double Score, bool Escalates);
