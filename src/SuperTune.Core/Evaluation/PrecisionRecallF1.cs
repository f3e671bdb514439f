namespace SuperTune.Core.Evaluation;

/// <summary>Precision, recall and F1 averaged over labels in one way (macro, micro or weighted).</summary>
public sealed record PrecisionRecallF1(double Precision, double Recall, double F1);
