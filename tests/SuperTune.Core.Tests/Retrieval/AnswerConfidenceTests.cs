using SuperTune.Core.Retrieval;

namespace SuperTune.Core.Tests.Retrieval;

public class AnswerConfidenceTests
{
    [Fact]
    public void ConfidenceIsSoftmaxOfTopThreeAndNoAnswer()
    {
        // Cosines 0.9, 0.8, 0.7, a fourth that must not count, and "no answer" at 0.5; at scale 20 the terms are
        // e^0, e^-2, e^-4 and e^-8.
        RetrievalCandidate[] candidates = [Candidate("a", 0.9f), Candidate("b", 0.8f), Candidate("c", 0.7f), Candidate("d", 0.69f)];

        var confidence = AnswerDecider.Confidence(candidates, 20, noAnswerScore: 0.5);

        var expected = 1 / (1 + Math.Exp(-20 * 0.1) + Math.Exp(-20 * 0.2) + Math.Exp(-20 * 0.4));
        Assert.Equal(expected, confidence, 5);
    }

    [Fact]
    public void BestNearNoAnswerScoreIsUncertain()
    {
        // A lone candidate just above the "no answer" score gets about half the probability.
        Assert.Equal(0.5, AnswerDecider.Confidence([Candidate("a", 0.6f)], 20, noAnswerScore: 0.6f), 3);
    }

    [Fact]
    public void ConfidenceWithoutScaleIsBestCosine()
    {
        RetrievalCandidate[] candidates = [Candidate("a", 0.9f), Candidate("b", 0.8f)];

        Assert.Equal(0.9, AnswerDecider.Confidence(candidates, null, noAnswerScore: 0.5), 5);
        Assert.Equal(0, AnswerDecider.Confidence([], 20, noAnswerScore: 0.5));
    }

    [Fact]
    public void SingleCandidateFarAboveNoAnswerIsCertain()
    {
        Assert.Equal(1, AnswerDecider.Confidence([Candidate("a", 0.9f)], 20, noAnswerScore: -1), 9);
    }

    [Fact]
    public void CloseRunnerUpIsClarifiedDespiteHighCosine()
    {
        // Both questions have cosine 0.95, but only the first is well ahead of its runner-up.
        var thresholds = new AnswerThresholds { Answer = 0.9, Clarify = 0.5, ConfidenceScale = 20 };
        RetrievalCandidate[] clear = [Candidate("a", 0.95f), Candidate("b", 0.6f), Candidate("c", 0.55f)];
        RetrievalCandidate[] close = [Candidate("a", 0.95f), Candidate("b", 0.94f), Candidate("c", 0.55f)];
        RetrievalCandidate[] low = [Candidate("a", 0.45f), Candidate("b", 0.1f)];

        Assert.Equal(AnswerDecision.Answer, AnswerDecider.Decide(clear, thresholds).Decision);
        Assert.Equal(AnswerDecision.Clarify, AnswerDecider.Decide(close, thresholds).Decision);
        Assert.Equal(AnswerDecision.Escalate, AnswerDecider.Decide(low, thresholds).Decision);
    }

    [Fact]
    public void FitterTunesConfidenceAboveClarify()
    {
        // 20 questions whose best cosine is 0.9. The right answer is first with a runner-up gap that grows with i;
        // the four smallest gaps rank a wrong answer first, so only clear gaps can be answered at 99% precision.
        var queries = Enumerable.Range(0, 20).Select(i =>
        {
            var gap = 0.01f * (i + 1);
            RetrievalCandidate[] candidates = i < 4
                ? [Candidate("wrong", 0.9f), Candidate("right", 0.9f - gap), Candidate("other", 0.5f)]
                : [Candidate("right", 0.9f), Candidate("wrong", 0.9f - gap), Candidate("other", 0.5f)];
            return new RankedQuery($"q{i}", "right", candidates);
        }).ToList();

        var thresholds = AnswerThresholdFitter.Fit(queries, 0.99, confidenceScale: 20);

        var lowestRight = AnswerDecider.Confidence(queries[4].Candidates, 20, noAnswerScore: 0.9f);
        Assert.Equal(20, thresholds.ConfidenceScale);
        Assert.Equal(0.9, thresholds.Clarify, 5);
        Assert.True(thresholds.Answer > AnswerDecider.Confidence(queries[3].Candidates, 20, noAnswerScore: 0.9f),
            $"answer {thresholds.Answer}");
        Assert.Equal(lowestRight, thresholds.Answer, 9);
    }

    private static RetrievalCandidate Candidate(string key, float score) =>
        new(new KnowledgeBaseEntry(key, "question " + key, "answer " + key, key, 2), score);
}
