namespace SuperTune.Core.Evaluation;

/// <summary>Precision, recall and F1 of one label, with its support.</summary>
/// <param name="Label">Label name.</param>
/// <param name="Precision">
/// Correct predictions of the label over all predictions of it, or 0 when the model never predicted it.
/// </param>
/// <param name="Recall">Correct predictions of the label over its gold examples, or 0 when it has none.</param>
/// <param name="F1">Harmonic mean of precision and recall, or 0 when both are 0.</param>
/// <param name="Support">Number of examples whose gold label is <paramref name="Label"/>.</param>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);
