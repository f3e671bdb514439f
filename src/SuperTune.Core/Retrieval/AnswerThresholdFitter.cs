namespace SuperTune.Core.Retrieval;

/// <summary>Fits the answer and clarify thresholds on ranked validation questions that all have a right answer.</summary>
public static class AnswerThresholdFitter
{
    /// <summary>Share of clarifiable validation questions whose top score must clear the clarify threshold.</summary>
    public const double ClarifyCoverage = 0.95;

    /// <summary>
    /// Clarify threshold: the top cosine that 95% of the questions whose right answer is among the top three reach,
    /// so a message scoring below nearly every answerable question is escalated. Answer threshold: the lowest
    /// confidence (<see cref="AnswerDecider.Confidence"/> at <paramref name="confidenceScale"/>, with the clarify
    /// threshold as the "no answer" score) at which answering
    /// the best candidate is right for at least <paramref name="targetPrecision"/> of the validation questions that
    /// clear the clarify threshold.
    /// </summary>
    /// <param name="confidenceScale">The ranking loss's scale, or null to threshold the best cosine itself; the
    /// clarify threshold then never exceeds the answer threshold.</param>
    public static AnswerThresholds Fit(IReadOnlyList<RankedQuery> validation, double targetPrecision,
        double? confidenceScale = null)
    {
        var answerable = validation.Where(q => q.RelevantKey is not null).ToList();
        var clarifiable = answerable.Where(q => q.RelevantRank() is >= 1 and <= AnswerDecider.ClarifyCount)
            .Select(q => q.TopScore).Order().ToList();
        var clarify = clarifiable.Count == 0
            ? ThresholdTuner.Never
            : clarifiable[(int)Math.Floor((1 - ClarifyCoverage) * (clarifiable.Count - 1))];

        // Questions below the clarify threshold are escalated whatever their confidence, so they do not count.
        var eligible = confidenceScale is null ? answerable : answerable.Where(q => q.TopScore >= clarify).ToList();
        var confidences = eligible.Select(q => AnswerDecider.Confidence(q.Candidates, confidenceScale, clarify)).ToList();
        var correct = eligible.Select(q => q.RelevantRank() == 1).ToList();
        var answer = ThresholdTuner.ForPrecision(confidences, correct, targetPrecision);
        return new AnswerThresholds
        {
            Answer = answer,
            Clarify = confidenceScale is null ? Math.Min(clarify, answer) : clarify,
            TargetPrecision = targetPrecision,
            ConfidenceScale = confidenceScale,
        };
    }
}
