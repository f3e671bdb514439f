namespace SuperTune.Core.Entities;

/// <summary>
/// Exact-match span counts of one entity type, or of all types together, and the scores they give. A ratio
/// with a zero denominator counts as 0, as in seqeval.
/// </summary>
/// <param name="Gold">Gold spans (the support).</param>
/// <param name="Predicted">Predicted spans.</param>
/// <param name="Correct">Predicted spans whose start, end and type all equal a gold span's.</param>
public sealed record SpanCounts(int Gold, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;

    public double Recall => Gold == 0 ? 0 : (double)Correct / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}
