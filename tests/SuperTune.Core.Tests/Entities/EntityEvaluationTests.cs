using SuperTune.Core.Entities;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Tests.Entities;

/// <summary>Span scores checked against counts done by hand, as seqeval's classification report gives them.</summary>
public sealed class EntityEvaluationTests
{
    [Fact]
    public void CountsExactMatchesOnly()
    {
        // Sentence 1: gold PER(0), LOC(2-3); predicted PER(0) correct, LOC(2) wrong end.
        // Sentence 2: gold LOC(1); predicted ORG(1) wrong type, MISC(3) spurious.
        // PER: gold 1, predicted 1, correct 1. LOC: gold 2, predicted 1, correct 0.
        // ORG: predicted 1. MISC: predicted 1. Micro: gold 3, predicted 4, correct 1.
        EntityPrediction[] predictions =
        [
            Predict(["B-PER", "O", "B-LOC", "I-LOC", "O"], ["B-PER", "O", "B-LOC", "O", "O"]),
            Predict(["O", "B-LOC", "O", "O"], ["O", "B-ORG", "O", "B-MISC"]),
        ];

        EntityEvaluation evaluation = EntityEvaluation.Compute(predictions);

        Assert.Equal(new SpanCounts(3, 4, 1), evaluation.Micro);
        Assert.Equal(0.25, evaluation.Micro.Precision, 12);
        Assert.Equal(1.0 / 3, evaluation.Micro.Recall, 12);
        Assert.Equal(2 * 0.25 / 3 / (0.25 + 1.0 / 3), evaluation.Micro.F1, 12);
        Assert.Equal(new SpanCounts(1, 1, 1), evaluation.PerType["PER"]);
        Assert.Equal(new SpanCounts(2, 1, 0), evaluation.PerType["LOC"]);
        Assert.Equal(new SpanCounts(0, 1, 0), evaluation.PerType["ORG"]);
        Assert.Equal(["LOC", "MISC", "ORG", "PER"], evaluation.PerType.Keys);
        // Words: 5 + 4 = 9; wrong tags: I-LOC/O in sentence 1, B-LOC/B-ORG and O/B-MISC in sentence 2.
        Assert.Equal(6.0 / 9, evaluation.TokenAccuracy, 12);
        Assert.Equal(2, evaluation.Errors.Count);
    }

    [Fact]
    public void IllFormedPredictionStartsEntityAtInside()
    {
        // As in conlleval: "O I-LOC I-LOC" decodes to one LOC over words 1-2, which matches the gold span.
        EntityEvaluation evaluation = EntityEvaluation.Compute([Predict(["O", "B-LOC", "I-LOC"], ["O", "I-LOC", "I-LOC"])]);

        Assert.Equal(new SpanCounts(1, 1, 1), evaluation.Micro);
        Assert.Equal(2.0 / 3, evaluation.TokenAccuracy, 12);
    }

    [Fact]
    public void AdjacentEntitiesOfOneTypeStaySeparate()
    {
        EntityEvaluation evaluation = EntityEvaluation.Compute(
            [Predict(["B-LOC", "B-LOC"], ["B-LOC", "I-LOC"])]);

        Assert.Equal(new SpanCounts(2, 1, 0), evaluation.Micro);
        Assert.Equal(0, evaluation.Micro.F1);
    }

    [Fact]
    public void PerfectPredictionScoresOne()
    {
        EntityEvaluation evaluation = EntityEvaluation.Compute([Predict(["B-X", "I-X", "O"], ["B-X", "I-X", "O"])]);

        Assert.Equal(1, evaluation.Micro.F1);
        Assert.Equal(1, evaluation.TokenAccuracy);
        Assert.Equal(1.0, evaluation.ToDictionary()["entity_f1"]);
        Assert.Empty(evaluation.Errors);
    }

    [Fact]
    public void NoEntitiesScoreZero()
    {
        EntityEvaluation evaluation = EntityEvaluation.Compute([Predict(["O"], ["O"])]);

        Assert.Equal(0, evaluation.Micro.F1);
        Assert.Equal(0, evaluation.MacroF1);
    }

    private static EntityPrediction Predict(string[] gold, string[] predicted)
    {
        TextRange[] words = [.. gold.Select((_, i) => new TextRange(2 * i, 2 * i + 1))];
        string text = string.Join(" ", gold.Select(_ => "w"));
        var example = new TaggedExample(text, words, BioTags.ToSpans(words, gold));
        return new EntityPrediction(example, predicted, BioTags.ToSpans(words, predicted));
    }
}
