using SuperTune.Core.Retrieval;

namespace SuperTune.Core.Tests.Retrieval;

public class ThresholdTunerTests
{
    [Fact]
    public void PicksLowestThresholdMeetingPrecision()
    {
        // Given ten scores where the two wrong answers sit at 0.75 and 0.55.
        double[] scores = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5];
        bool[] correct = [true, true, true, true, false, true, true, true, false, true];

        // When tuning for 80% precision, everything down to 0.5 qualifies: 8 of 10 right.
        var threshold = ThresholdTuner.ForPrecision(scores, correct, 0.8);

        Assert.Equal(0.5, threshold);
    }

    [Fact]
    public void StopsAboveFirstErrorForPerfectPrecision()
    {
        double[] scores = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7];
        bool[] correct = [true, true, true, true, false, true];

        var threshold = ThresholdTuner.ForPrecision(scores, correct, 1.0);

        Assert.Equal(0.8, threshold);
    }

    [Fact]
    public void TiedScoresAreAcceptedTogether()
    {
        // The right and the wrong answer share 0.8, so 0.8 would accept both: 2 of 3 right.
        double[] scores = [0.9, 0.8, 0.8];
        bool[] correct = [true, true, false];

        var threshold = ThresholdTuner.ForPrecision(scores, correct, 0.9);

        Assert.Equal(0.9, threshold);
    }

    [Fact]
    public void UnreachablePrecisionNeverAnswers()
    {
        double[] scores = [0.9, 0.8];
        bool[] correct = [false, true];

        Assert.Equal(ThresholdTuner.Never, ThresholdTuner.ForPrecision(scores, correct, 0.99));
        Assert.Equal(ThresholdTuner.Never, ThresholdTuner.ForPrecision([], [], 0.99));
    }

    [Fact]
    public void FitterSetsClarifyBelowAnswer()
    {
        // Given 20 validation questions: the right answer ranks first above 0.7 and second below it.
        var queries = Enumerable.Range(0, 20).Select(i =>
        {
            var score = 0.5f + i * 0.02f;
            var right = new RetrievalCandidate(Entry("right"), score);
            var wrong = new RetrievalCandidate(Entry("wrong"), score + 0.01f);
            return new RankedQuery($"q{i}", "right", score >= 0.7f ? [right, wrong with { Score = score - 0.1f }] : [wrong, right]);
        }).ToList();

        var thresholds = AnswerThresholdFitter.Fit(queries, 0.99);

        Assert.Equal(0.7, thresholds.Answer, 3);
        Assert.True(thresholds.Clarify < thresholds.Answer, $"clarify {thresholds.Clarify}");
        Assert.Equal(AnswerDecision.Answer, AnswerDecider.Decide(queries[^1].Candidates, thresholds).Decision);
        Assert.Equal(AnswerDecision.Clarify, AnswerDecider.Decide(queries[5].Candidates, thresholds).Decision);
        Assert.Equal(AnswerDecision.Escalate, AnswerDecider.Decide([new RetrievalCandidate(Entry("x"), 0.1f)], thresholds).Decision);
    }

    private static KnowledgeBaseEntry Entry(string key) => new(key, "question " + key, "answer " + key, key, 2);
}
