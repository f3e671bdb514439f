using SuperTune.Core.Predictions;
using SuperTune.Core.Tokenization;
using SuperTune.Inference.Tests.Fixtures;

namespace SuperTune.Inference.Tests;

public sealed class OnnxClassifierTests : IClassFixture<StandInModelFolder>, IDisposable
{
    private const double Tolerance = 1e-5;

    private static readonly OnnxClassifierOptions PairOptions = new() { IntraOpThreads = 1, MaxBatchSize = 2 };

    private static readonly string[] Texts =
    [
        "my card has not arrived",
        "refund please",
        "where is the package ? it is late",
        "hello",
        "the bill has a charge twice , i want a refund please",
        "reset my account password",
    ];

    private readonly StandInModelFolder _fixture;
    private readonly OnnxClassifier _classifier;

    public OnnxClassifierTests(StandInModelFolder fixture)
    {
        _fixture = fixture;
        _classifier = OnnxClassifier.Load(fixture.Path, new OnnxClassifierOptions { IntraOpThreads = 1 });
    }

    public void Dispose() => _classifier.Dispose();

    [Fact]
    public void ScoresAreSoftmaxOfGraphLogits()
    {
        // Given the tokenizer of the folder and the stand-in's own C# forward pass
        BertWordPieceTokenizer tokenizer = BertWordPieceTokenizer.FromFolder(_fixture.Path);
        var everyLabel = new ClassifyOptions { TopK = _fixture.Model.Labels.Count };

        // When every text is classified with every label returned
        IReadOnlyList<ClassificationResult> results = _classifier.Classify(Texts, everyLabel);

        // Then each label's score is the softmax of the hand-computed logits
        for (int i = 0; i < Texts.Length; i++)
        {
            IReadOnlyList<int> inputIds = tokenizer.Encode(Texts[i], _fixture.Model.MaxLength).InputIds;
            double[] expected = Softmax(_fixture.Model.Logits(inputIds));
            foreach (LabelScore score in results[i].TopLabels)
            {
                int index = _fixture.Model.Labels.ToList().IndexOf(score.Label);
                Assert.Equal(expected[index], score.Score, Tolerance);
            }
        }
    }

    [Fact]
    public void ResultsKeepInputOrderAndText()
    {
        IReadOnlyList<ClassificationResult> results = _classifier.Classify(Texts);

        Assert.Equal(Texts, results.Select(r => r.Text));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(10, 4)]
    public void TopKLimitsAndSortsLabels(int topK, int expectedCount)
    {
        IReadOnlyList<ClassificationResult> results = _classifier.Classify(Texts, new ClassifyOptions { TopK = topK });

        foreach (ClassificationResult result in results)
        {
            Assert.Equal(expectedCount, result.TopLabels.Count);
            Assert.Equal(result.Label, result.TopLabels[0].Label);
            Assert.Equal(result.Score, result.TopLabels[0].Score);
            Assert.Equal(result.TopLabels.OrderByDescending(l => l.Score).Select(l => l.Label),
                result.TopLabels.Select(l => l.Label));
        }
    }

    [Fact]
    public void EveryLabelScoresSumToOne()
    {
        var everyLabel = new ClassifyOptions { TopK = _fixture.Model.Labels.Count };

        IReadOnlyList<ClassificationResult> results = _classifier.Classify(Texts, everyLabel);

        Assert.All(results, r => Assert.Equal(1.0, r.TopLabels.Sum(l => (double)l.Score), Tolerance));
    }

    [Fact]
    public void ThresholdSetsFallbackBelowIt()
    {
        // Given the best score of each text
        IReadOnlyList<ClassificationResult> plain = _classifier.Classify(Texts);
        float middle = plain.Select(r => r.Score).Order().ElementAt(Texts.Length / 2);

        // When the threshold sits in the middle of those scores
        var options = new ClassifyOptions { Threshold = middle };
        IReadOnlyList<ClassificationResult> results = _classifier.Classify(Texts, options);

        // Then exactly the texts below it fall back, and their best label is still reported
        Assert.All(plain, r => Assert.False(r.Fallback));
        for (int i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(plain[i].Score < middle, results[i].Fallback);
            Assert.Equal(plain[i].Label, results[i].Label);
        }
    }

    [Fact]
    public void BatchingDoesNotChangeScores()
    {
        // Given each text classified alone, in one padded batch and in batches of two
        var everyLabel = new ClassifyOptions { TopK = _fixture.Model.Labels.Count };
        var alone = Texts.Select(text => _classifier.Classify([text], everyLabel)[0]).ToList();
        IReadOnlyList<ClassificationResult> together = _classifier.Classify(Texts, everyLabel);
        using var pairs = OnnxClassifier.Load(_fixture.Path, PairOptions);
        IReadOnlyList<ClassificationResult> inPairs = pairs.Classify(Texts, everyLabel);

        // Then every label gets the same score each way
        for (int i = 0; i < Texts.Length; i++)
        {
            AssertSameScores(alone[i], together[i]);
            AssertSameScores(alone[i], inPairs[i]);
        }
    }

    [Fact]
    public void MaxBatchSizeSplitsRuns()
    {
        using var pairs = OnnxClassifier.Load(_fixture.Path, PairOptions);

        pairs.Classify(Texts);

        Assert.Equal(3, pairs.InferenceRunCount);
    }

    [Fact]
    public void LongTextIsTruncatedAndFlagged()
    {
        // Given a text of more word pieces than the model's 16 tokens and a text that fits
        string longText = string.Join(' ', Enumerable.Repeat("refund please", 20));
        string cut = string.Join(' ', Enumerable.Repeat("refund please", 7));

        // When both are classified
        IReadOnlyList<ClassificationResult> results = _classifier.Classify([longText, cut, "refund"]);

        // Then only the long one is flagged, and it scores as its first 14 pieces do
        Assert.True(results[0].Truncated);
        Assert.False(results[1].Truncated);
        Assert.False(results[2].Truncated);
        AssertSameScores(results[0], results[1]);
    }

    [Fact]
    public void EmptyListGivesNoResults()
    {
        Assert.Empty(_classifier.Classify([]));
        Assert.Equal(0, _classifier.InferenceRunCount);
    }

    [Fact]
    public void EmptyTextIsClassified()
    {
        ClassificationResult result = _classifier.Classify([""])[0];

        Assert.Contains(result.Label, _fixture.Model.Labels);
    }

    [Fact]
    public void ConcurrentCallsAgreeWithSequentialOnes()
    {
        IReadOnlyList<ClassificationResult> expected = _classifier.Classify(Texts);

        var parallel = new IReadOnlyList<ClassificationResult>[8];
        Parallel.For(0, parallel.Length, i => parallel[i] = _classifier.Classify(Texts));

        Assert.All(parallel, results => Assert.Equal(expected.Select(r => r.Label), results.Select(r => r.Label)));
    }

    [Theory]
    [InlineData(0, 0f)]
    [InlineData(1, -0.1f)]
    [InlineData(1, 1.5f)]
    [InlineData(1, float.NaN)]
    public void OutOfRangeOptionsAreRejected(int topK, float threshold)
    {
        var options = new ClassifyOptions { TopK = topK, Threshold = threshold };

        Assert.Throws<ArgumentOutOfRangeException>(() => _classifier.Classify(Texts, options));
    }

    [Fact]
    public void NullTextIsRejected()
    {
        var exception = Assert.Throws<ArgumentException>(() => _classifier.Classify(["hello", null!]));

        Assert.Contains("texts[1]", exception.Message);
    }

    [Fact]
    public void DisposedClassifierThrows()
    {
        var classifier = OnnxClassifier.Load(_fixture.Path, new OnnxClassifierOptions { IntraOpThreads = 1 });
        classifier.Dispose();

        Assert.Throws<ObjectDisposedException>(() => classifier.Classify(Texts));
    }

    private static void AssertSameScores(ClassificationResult expected, ClassificationResult actual)
    {
        Assert.Equal(expected.Label, actual.Label);
        foreach (LabelScore score in expected.TopLabels)
        {
            Assert.Equal(score.Score, actual.TopLabels.Single(l => l.Label == score.Label).Score, Tolerance);
        }
    }

    private static double[] Softmax(double[] logits)
    {
        double max = logits.Max();
        double[] exponents = logits.Select(l => Math.Exp(l - max)).ToArray();
        double sum = exponents.Sum();
        return exponents.Select(e => e / sum).ToArray();
    }
}
