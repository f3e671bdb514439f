using Microsoft.ML.OnnxRuntime;
using SuperTune.Core.Models;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Modeling.Weights;
using static TorchSharp.torch;

namespace SuperTune.Export.Tests;

/// <summary>
/// The exported graph of a real all-MiniLM-L6-v2 classifier against TorchSharp. The encoder is the bundled
/// pretrained one and the 5-label head is seeded random, because parity needs real weights but no training.
/// </summary>
public class MiniLmParityTests : IClassFixture<MiniLmParityTests.ExportedMiniLm>
{
    private const float Tolerance = 1e-4f;

    private static readonly string[] Sentences =
    [
        "My card still hasn't arrived, it's been two weeks.",
        "How do I reset my password?",
        "Refund!!!",
        "I was charged twice for the same order #88121 and nobody answers the phone, what is going on?",
        "Can I change the delivery address after paying?",
        "Café crème for €3.50 — was that fee expected?",
        "cancel",
        "Why is the exchange rate on my card payment different from the one in the app this morning?",
    ];

    private readonly ExportedMiniLm exported;

    public MiniLmParityTests(ExportedMiniLm exported) => this.exported = exported;

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void LogitsMatchTorchSharp(int batchSize)
    {
        var batch = TokenBatch.FromTexts(exported.Tokenizer, Sentences.Take(batchSize).ToList());

        var expected = OnnxClassifier.RunTorch(exported.Model, batch);
        var (actual, shape) = OnnxClassifier.Run(exported.Session, batch);

        Assert.Equal([batchSize, 5], shape);
        OnnxClassifier.AssertClose(expected, actual, Tolerance);
    }

    /// <summary>Builds, saves and exports the classifier once for the class.</summary>
    public sealed class ExportedMiniLm : IDisposable
    {
        private readonly TemporaryFolder folder = new();

        public ExportedMiniLm()
        {
            using var pretrained = PretrainedBase.LoadBundled();
            var config = pretrained.Config.WithLabels(["billing", "card_arrival", "password_reset", "refund", "other"])
                with
                {
                    SuperTune = new SuperTuneModelSettings { Pooling = PoolingNames.Mean, BaseModel = pretrained.Name },
                };

            manual_seed(2024);
            using (var model = new BertForSequenceClassification(config, PoolingNames.Mean))
            {
                StateDictLoader.Load(model.Bert, pretrained.Weights, pretrained.Name);
                SequenceClassifierFolder.Save(model, pretrained.Tokenizer, folder.Path);
            }

            var path = OnnxExporter.Export(folder.Path);
            (Model, Tokenizer) = SequenceClassifierFolder.Load(folder.Path);
            Session = new InferenceSession(path);
        }

        public BertForSequenceClassification Model { get; }

        public BertWordPieceTokenizer Tokenizer { get; }

        public InferenceSession Session { get; }

        public void Dispose()
        {
            Session.Dispose();
            Model.Dispose();
            folder.Dispose();
        }
    }
}
