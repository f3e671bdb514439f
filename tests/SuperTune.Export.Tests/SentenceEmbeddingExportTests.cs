using SuperTune.Core.Retrieval;
using SuperTune.Inference.Retrieval;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Training.Retrieval;

namespace SuperTune.Export.Tests;

public class SentenceEmbeddingExportTests
{
    private static readonly string[] Texts =
    [
        "where is my card ?",
        "refund please",
        "i forgot my password , please help me reset the login",
        "money back !",
    ];

    [Fact]
    public void OnnxEmbeddingsMatchTorch()
    {
        using var folder = new TemporaryFolder();
        TinyRetrievalFolder.Create(folder.Path, new AnswerThresholds());
        var (model, tokenizer) = SentenceEmbeddingFolder.Load(folder.Path);
        using var disposeModel = model;
        var torchEmbedder = new TorchSentenceEmbedder(model, tokenizer, 48, "torch");
        using var onnxEmbedder = OnnxSentenceEmbedder.Load(folder.Path, intraOpThreads: 1);

        var expected = torchEmbedder.Embed(Texts);
        var actual = onnxEmbedder.Embed(Texts);

        Assert.Equal(32, onnxEmbedder.Dimension);
        for (var row = 0; row < Texts.Length; row++)
        {
            var difference = expected[row].Zip(actual[row], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(difference < 1e-4, $"row {row} differs by {difference}");
            Assert.Equal(1.0, Math.Sqrt(actual[row].Sum(v => (double)v * v)), 4);
        }
    }

    [Fact]
    public void AnswererAnswersKnownQuestion()
    {
        using var folder = new TemporaryFolder();
        TinyRetrievalFolder.Create(folder.Path, new AnswerThresholds { Answer = 0.999, Clarify = 0.2 });

        using var answerer = KnowledgeBaseAnswerer.Load(folder.Path);
        var result = answerer.Answer("i want my money back");

        Assert.Equal(AnswerDecision.Answer, result.Decision);
        Assert.Equal("refund", result.Best!.Id);
        Assert.Equal(3, result.Candidates.Count);
        Assert.Equal(4, answerer.BuildStats.Embedded);
    }

    [Fact]
    public void ClassifierFolderIsNotAnEmbedder()
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, "mean");
        OnnxExporter.Export(folder.Path);

        var error = Assert.Throws<Core.SuperTuneException>(() => OnnxSentenceEmbedder.Load(folder.Path));

        Assert.Contains("retrieval", error.Message);
    }
}
