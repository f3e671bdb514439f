using SuperTune.Core.Evaluation;

namespace SuperTune.Core.Tests.Evaluation;

public class ClassificationEvaluationTests
{
    private const int Digits = 12;

    [Fact]
    public void ThreeLabels_MatchHandComputedScores()
    {
        // Given 10 examples whose confusion matrix (rows gold, columns predicted, order a b c) is
        //   a: 3 1 0   support 4
        //   b: 0 1 1   support 2
        //   c: 2 0 2   support 4
        // Predicted totals are a 5, b 2, c 3 and 6 of 10 are correct.
        //   a: P = 3/5, R = 3/4, F1 = 2*3/(5+4) = 2/3
        //   b: P = 1/2, R = 1/2, F1 = 2*1/(2+2) = 1/2
        //   c: P = 2/3, R = 2/4, F1 = 2*2/(3+4) = 4/7
        var predictions = Predictions.From(
            ("a", "a"), ("a", "a"), ("a", "a"), ("a", "b"),
            ("b", "b"), ("b", "c"),
            ("c", "c"), ("c", "c"), ("c", "a"), ("c", "a"));

        // When
        var evaluation = ClassificationEvaluation.Compute(["a", "b", "c"], predictions);

        // Then accuracy = 6/10 and micro P = R = F1 = 6/10, as for any single-label data
        Assert.Equal(10, evaluation.Count);
        Assert.Equal(0.6, evaluation.Accuracy, Digits);
        Assert.Equal(0.6, evaluation.Micro.Precision, Digits);
        Assert.Equal(0.6, evaluation.Micro.Recall, Digits);
        Assert.Equal(0.6, evaluation.Micro.F1, Digits);

        // macro P = (3/5 + 1/2 + 2/3) / 3 = 53/90, macro R = (3/4 + 1/2 + 1/2) / 3 = 7/12,
        // macro F1 = (2/3 + 1/2 + 4/7) / 3 = 73/126
        Assert.Equal(53.0 / 90, evaluation.Macro.Precision, Digits);
        Assert.Equal(7.0 / 12, evaluation.Macro.Recall, Digits);
        Assert.Equal(73.0 / 126, evaluation.Macro.F1, Digits);

        // weighted P = (4*3/5 + 2*1/2 + 4*2/3) / 10 = 91/150, weighted R = (3 + 1 + 2) / 10 = 6/10,
        // weighted F1 = (4*2/3 + 2*1/2 + 4*4/7) / 10 = 25/42
        Assert.Equal(91.0 / 150, evaluation.Weighted.Precision, Digits);
        Assert.Equal(0.6, evaluation.Weighted.Recall, Digits);
        Assert.Equal(25.0 / 42, evaluation.Weighted.F1, Digits);

        Assert.Equal(["a", "b", "c"], evaluation.PerClass.Select(m => m.Label));
        Assert.Equal(new ClassMetrics("a", 0.6, 0.75, 2.0 / 3, 4), evaluation.PerClass[0]);
        Assert.Equal(new ClassMetrics("b", 0.5, 0.5, 0.5, 2), evaluation.PerClass[1]);
        Assert.Equal(2.0 / 3, evaluation.PerClass[2].Precision, Digits);
        Assert.Equal(0.5, evaluation.PerClass[2].Recall, Digits);
        Assert.Equal(4.0 / 7, evaluation.PerClass[2].F1, Digits);
        Assert.Equal(4, evaluation.PerClass[2].Support);
    }

    [Fact]
    public void ThreeLabels_FillConfusionMatrix()
    {
        var predictions = Predictions.From(
            ("a", "a"), ("a", "a"), ("a", "a"), ("a", "b"),
            ("b", "b"), ("b", "c"),
            ("c", "c"), ("c", "c"), ("c", "a"), ("c", "a"));

        var confusion = ClassificationEvaluation.Compute(["a", "b", "c"], predictions).Confusion;

        int[,] expected = { { 3, 1, 0 }, { 0, 1, 1 }, { 2, 0, 2 } };
        for (var row = 0; row < 3; row++)
        {
            for (var column = 0; column < 3; column++)
            {
                Assert.Equal(expected[row, column], confusion[row, column]);
            }
        }

        Assert.Equal(2, confusion.Count("c", "a"));
        Assert.Equal(4, confusion.RowTotal(2));
        Assert.Equal(5, confusion.ColumnTotal(0));
    }

    [Fact]
    public void ThreeLabels_ListErrorsInInputOrder()
    {
        var predictions = Predictions.From(("a", "b"), ("b", "b"), ("c", "a"));

        var evaluation = ClassificationEvaluation.Compute(["a", "b", "c"], predictions);

        Assert.Equal([predictions[0], predictions[2]], evaluation.Errors);
    }

    [Fact]
    public void PerfectClassifier_ScoresOne()
    {
        var predictions = Predictions.From(("a", "a"), ("b", "b"), ("c", "c"), ("c", "c"));

        var metrics = ClassificationEvaluation.Compute(["a", "b", "c"], predictions).ToDictionary();

        Assert.Equal(4, metrics["examples"]);
        foreach (var (key, value) in metrics.Where(m => m.Key != "examples"))
        {
            Assert.True((double)value == 1.0, $"{key} is {value}, expected 1");
        }
    }

    [Fact]
    public void UnseenGoldLabel_CountsAsErrorsWithoutThrowing()
    {
        // Given gold label x, which the model [a, b] cannot predict. Rows gold, columns predicted (a b x):
        //   a: 2 0 0   support 2
        //   b: 0 1 0   support 1
        //   x: 1 1 0   support 2
        // a: P = 2/3, R = 1, F1 = 2*2/(3+2) = 4/5.  b: P = 1/2, R = 1, F1 = 2/(2+1) = 2/3.
        // x: never predicted, so P = 0 by zero division, R = 0, F1 = 0.
        var predictions = Predictions.From(("a", "a"), ("a", "a"), ("b", "b"), ("x", "a"), ("x", "b"));

        var evaluation = ClassificationEvaluation.Compute(["a", "b"], predictions);

        Assert.Equal([("x", 2)], evaluation.UnseenGoldLabels);
        Assert.Equal(["a", "b", "x"], evaluation.Confusion.Labels);
        Assert.Equal(1, evaluation.Confusion.Count("x", "a"));
        Assert.Equal(2, evaluation.Errors.Count);
        Assert.Equal(0.6, evaluation.Accuracy, Digits);
        Assert.Equal(new ClassMetrics("x", 0, 0, 0, 2), evaluation.PerClass[2]);

        // macro P = (2/3 + 1/2 + 0) / 3 = 7/18, macro R = (1 + 1 + 0) / 3 = 2/3, macro F1 = (4/5 + 2/3) / 3 = 22/45
        Assert.Equal(7.0 / 18, evaluation.Macro.Precision, Digits);
        Assert.Equal(2.0 / 3, evaluation.Macro.Recall, Digits);
        Assert.Equal(22.0 / 45, evaluation.Macro.F1, Digits);

        // weighted R = (2*1 + 1*1 + 2*0) / 5 = 3/5
        Assert.Equal(0.6, evaluation.Weighted.Recall, Digits);
    }

    [Fact]
    public void NeverPredictedLabel_ScoresZeroPrecision()
    {
        // Given model labels [a, b, c, d]: c has a gold example but is never predicted, and d occurs nowhere.
        // Rows gold, columns predicted (a b c):  a: 1 1 0,  b: 0 1 0,  c: 1 0 0.
        // a: P = 1/2, R = 1/2, F1 = 2/(2+2) = 1/2.  b: P = 1/2, R = 1, F1 = 2/(2+1) = 2/3.  c: 0, 0, 0.
        // As in scikit-learn, d is left out of the macro average, which runs over 3 labels.
        var predictions = Predictions.From(("a", "a"), ("a", "b"), ("b", "b"), ("c", "a"));

        var evaluation = ClassificationEvaluation.Compute(["a", "b", "c", "d"], predictions);

        Assert.Equal(["a", "b", "c"], evaluation.PerClass.Select(m => m.Label));
        Assert.Equal(new ClassMetrics("c", 0, 0, 0, 1), evaluation.PerClass[2]);
        Assert.Equal(1.0 / 3, evaluation.Macro.Precision, Digits);
        Assert.Equal(0.5, evaluation.Macro.Recall, Digits);
        Assert.Equal(7.0 / 18, evaluation.Macro.F1, Digits);
        Assert.Empty(evaluation.UnseenGoldLabels);
    }

    [Fact]
    public void ToDictionary_ListsKeysInOrder()
    {
        var evaluation = ClassificationEvaluation.Compute(["a", "b"], Predictions.From(("a", "a"), ("b", "a")));

        var metrics = evaluation.ToDictionary();

        string[] expected =
        [
            "accuracy", "macro_precision", "macro_recall", "macro_f1", "micro_precision", "micro_recall", "micro_f1",
            "weighted_precision", "weighted_recall", "weighted_f1", "examples",
        ];
        Assert.Equal(expected, metrics.Keys);
        Assert.Equal(0.5, metrics["accuracy"]);
        Assert.Equal(2, metrics["examples"]);
    }

    [Fact]
    public void EmptyPredictions_Throw()
    {
        var exception = Assert.Throws<ArgumentException>(() => ClassificationEvaluation.Compute(["a"], []));

        Assert.Equal("predictions", exception.ParamName);
    }

    [Fact]
    public void PredictedLabelOutsideModel_ThrowsWithLine()
    {
        var predictions = Predictions.From(("a", "a"), ("a", "z"));

        var exception = Assert.Throws<ArgumentException>(
            () => ClassificationEvaluation.Compute(["a", "b"], predictions));

        Assert.Contains("Line 3", exception.Message);
        Assert.Contains("'z'", exception.Message);
    }

    [Fact]
    public void DuplicateModelLabel_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => ClassificationEvaluation.Compute(["a", "b", "a"], Predictions.From(("a", "a"))));

        Assert.Equal("modelLabels", exception.ParamName);
    }
}
