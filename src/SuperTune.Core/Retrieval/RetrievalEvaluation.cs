namespace SuperTune.Core.Retrieval;

/// <summary>
/// Ranking and decision metrics of one model on one knowledge base: Recall@1, Recall@5 and MRR@10 of the right
/// answer, and the share of questions answered, clarified and escalated at given thresholds. Questions without a
/// right answer (out of scope) count only towards <see cref="OutOfScopeAnswerRate"/>.
/// </summary>
public sealed record RetrievalEvaluation
{
    public required int Count { get; init; }
    public required double RecallAt1 { get; init; }
    public required double RecallAt5 { get; init; }
    public required double MrrAt10 { get; init; }

    /// <summary>Share of in-scope questions answered automatically.</summary>
    public required double AutomationRate { get; init; }

    /// <summary>Share of automatic answers that were right; 1 when nothing was answered.</summary>
    public required double AnswerPrecision { get; init; }

    public required double ClarifyRate { get; init; }
    public required double EscalationRate { get; init; }

    /// <summary>Number of out-of-scope questions, 0 when none were given.</summary>
    public required int OutOfScopeCount { get; init; }

    /// <summary>Share of out-of-scope questions answered automatically; NaN when none were given.</summary>
    public required double OutOfScopeAnswerRate { get; init; }

    /// <summary>Scores <paramref name="queries"/> at <paramref name="thresholds"/>.</summary>
    public static RetrievalEvaluation Compute(IReadOnlyList<RankedQuery> queries, AnswerThresholds thresholds)
    {
        var inScope = queries.Where(q => q.RelevantKey is not null).ToList();
        var outOfScope = queries.Where(q => q.RelevantKey is null).ToList();
        var ranks = inScope.Select(q => q.RelevantRank()).ToList();
        var decisions = inScope.Select(q => AnswerDecider.Decide(q.Candidates, thresholds).Decision).ToList();
        var answered = decisions.Count(d => d == AnswerDecision.Answer);
        var answeredRight = Enumerable.Range(0, inScope.Count)
            .Count(i => decisions[i] == AnswerDecision.Answer && ranks[i] == 1);
        var oosAnswered = outOfScope.Count(q => AnswerDecider.Decide(q.Candidates, thresholds).Decision == AnswerDecision.Answer);

        return new RetrievalEvaluation
        {
            Count = inScope.Count,
            RecallAt1 = Share(ranks.Count(r => r == 1), inScope.Count),
            RecallAt5 = Share(ranks.Count(r => r is >= 1 and <= 5), inScope.Count),
            MrrAt10 = inScope.Count == 0 ? 0 : ranks.Sum(r => r is >= 1 and <= 10 ? 1.0 / r : 0) / inScope.Count,
            AutomationRate = Share(answered, inScope.Count),
            AnswerPrecision = answered == 0 ? 1 : (double)answeredRight / answered,
            ClarifyRate = Share(decisions.Count(d => d == AnswerDecision.Clarify), inScope.Count),
            EscalationRate = Share(decisions.Count(d => d == AnswerDecision.Escalate), inScope.Count),
            OutOfScopeCount = outOfScope.Count,
            OutOfScopeAnswerRate = outOfScope.Count == 0 ? double.NaN : (double)oosAnswered / outOfScope.Count,
        };
    }

    /// <summary>The metrics under metrics.json names (recall_at_1, mrr_at_10, automation_rate, ...).</summary>
    public Dictionary<string, object> ToDictionary(string prefix = "")
    {
        var values = new Dictionary<string, object>
        {
            [prefix + "count"] = Count,
            [prefix + "recall_at_1"] = RecallAt1,
            [prefix + "recall_at_5"] = RecallAt5,
            [prefix + "mrr_at_10"] = MrrAt10,
            [prefix + "automation_rate"] = AutomationRate,
            [prefix + "answer_precision"] = AnswerPrecision,
            [prefix + "clarify_rate"] = ClarifyRate,
            [prefix + "escalation_rate"] = EscalationRate,
        };
        if (OutOfScopeCount > 0)
        {
            values[prefix + "oos_count"] = OutOfScopeCount;
            values[prefix + "oos_answer_rate"] = OutOfScopeAnswerRate;
        }

        return values;
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
