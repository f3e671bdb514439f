namespace SuperTune.Core.Retrieval;

/// <summary>Fits the answer and clarify thresholds on ranked validation questions that all have a right answer.</summary>
public static class AnswerThresholdFitter
{
    /// <summary>Share of clarifiable validation questions whose top score must clear the clarify threshold.</summary>
    public const double ClarifyCoverage = 0.95;

    /// <summary>
    /// Answer threshold: the lowest top score at which answering the best candidate is right for at least
    /// <paramref name="targetPrecision"/> of validation questions. Clarify threshold: the score that 95% of the
    /// questions whose right answer is among the top three reach, so a message scoring below nearly every
    /// answerable question is escalated. The clarify threshold never exceeds the answer threshold.
    /// </summary>
    public static AnswerThresholds Fit(IReadOnlyList<RankedQuery> validation, double targetPrecision)
    {
        var answerable = validation.Where(q => q.RelevantKey is not null).ToList();
        var scores = answerable.Select(q => q.TopScore).ToList();
        var correct = answerable.Select(q => q.RelevantRank() == 1).ToList();
        var answer = ThresholdTuner.ForPrecision(scores, correct, targetPrecision);

        var clarifiable = answerable.Where(q => q.RelevantRank() is >= 1 and <= AnswerDecider.ClarifyCount)
            .Select(q => q.TopScore).Order().ToList();
        var clarify = clarifiable.Count == 0
            ? ThresholdTuner.Never
            : clarifiable[(int)Math.Floor((1 - ClarifyCoverage) * (clarifiable.Count - 1))];
        return new AnswerThresholds
        {
            Answer = answer,
            Clarify = Math.Min(clarify, answer),
            TargetPrecision = targetPrecision,
        };
    }
}
