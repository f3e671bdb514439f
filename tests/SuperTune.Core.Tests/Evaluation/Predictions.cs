using SuperTune.Core.Evaluation;

namespace SuperTune.Core.Tests.Evaluation;

/// <summary>Builds prediction lists for tests from (gold, predicted) pairs.</summary>
internal static class Predictions
{
    public static List<ClassificationPrediction> From(params (string Gold, string Predicted)[] pairs) =>
        pairs.Select((pair, i) => new ClassificationPrediction($"text {i + 2}", pair.Gold, pair.Predicted, 0.5f, i + 2))
            .ToList();
}
