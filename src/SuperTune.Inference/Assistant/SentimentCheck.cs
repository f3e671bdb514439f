using SuperTune.Core;

namespace SuperTune.Inference.Assistant;

/// <summary>
/// A sentiment or urgency classifier over customer messages: when the probability of <see cref="Label"/>
/// (default <c>negative</c>) reaches <see cref="Threshold"/>, the assistant escalates whatever it retrieved.
/// </summary>
public sealed class SentimentCheck : IDisposable
{
    /// <summary>Label that escalates when no other is given.</summary>
    public const string DefaultLabel = "negative";

    /// <summary>Probability of the label at or above which a message escalates, when no other is given.</summary>
    public const double DefaultThreshold = 0.5;

    private readonly OnnxClassifier classifier;
    private readonly ClassifyOptions everyLabel;

    private SentimentCheck(OnnxClassifier classifier, string label, double threshold)
    {
        this.classifier = classifier;
        Label = label;
        Threshold = threshold;
        everyLabel = new ClassifyOptions { TopK = classifier.Labels.Count };
    }

    public string Label { get; }

    public double Threshold { get; }

    /// <summary>Loads the exported classifier in <paramref name="modelFolder"/>.</summary>
    /// <exception cref="SuperTuneException">
    /// The threshold is outside [0, 1], the folder is not an exported classifier, or it has no such label.
    /// </exception>
    public static SentimentCheck Load(string modelFolder, string label = DefaultLabel,
        double threshold = DefaultThreshold)
    {
        if (!(threshold is >= 0 and <= 1))
        {
            throw new SuperTuneException($"--sentiment-threshold is {threshold}, but must be between 0 and 1.");
        }

        var classifier = OnnxClassifier.Load(modelFolder);
        if (!classifier.Labels.Contains(label, StringComparer.Ordinal))
        {
            classifier.Dispose();
            throw new SuperTuneException(
                $"{modelFolder}: the sentiment model has no label \"{label}\"; its labels are " +
                $"{string.Join(", ", classifier.Labels)}.",
                "Pass --sentiment-label with one of them.");
        }

        return new SentimentCheck(classifier, label, threshold);
    }

    /// <summary>Classifies <paramref name="message"/> and compares the label's probability with the threshold.</summary>
    public SentimentReading Check(string message)
    {
        var result = classifier.Classify([message], everyLabel)[0];
        double score = result.TopLabels.First(top => top.Label == Label).Score;
        return new SentimentReading(result.Label, score, score >= Threshold);
    }

    public void Dispose() => classifier.Dispose();
}
