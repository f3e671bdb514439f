namespace SuperTune.Core.Evaluation;

/// <summary>One classified example: its gold label, the label the model predicted and how sure the model was.</summary>
/// <param name="Text">Input text as read from the data file.</param>
/// <param name="Gold">Label given in the data file.</param>
/// <param name="Predicted">Label with the highest score.</param>
/// <param name="Confidence">Softmax probability of <paramref name="Predicted"/>, from 0 to 1.</param>
/// <param name="Line">1-based line of the example in its data file.</param>
/// <param name="TopLabels">
/// Highest-scoring labels with their softmax probabilities, best first, or null when the caller kept none.
/// Only errors.csv uses them.
/// </param>
public sealed record ClassificationPrediction(
    string Text,
    string Gold,
    string Predicted,
    float Confidence,
    int Line,
    IReadOnlyList<(string Label, float Score)>? TopLabels = null);
