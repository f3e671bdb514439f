using Microsoft.Extensions.Logging.Abstractions;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Models;
using SuperTune.Training.Entities;
using SuperTune.Training.Jobs;

namespace SuperTune.Training.Tests;

/// <summary>The entity job trains the tiny BERT through the shared trainer until it fits a few tagged sentences.</summary>
public sealed class EntityFineTuneJobTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("supertune-entities-").FullName;

    // "card", "refund" and "password" are items; "my" is an owner. Words come from TinyBaseFolder's vocabulary.
    private static readonly string[] Lines =
    [
        """{"tokens": ["where", "is", "my", "card"], "tags": ["O", "O", "B-owner", "B-item"]}""",
        """{"tokens": ["my", "refund", "please"], "tags": ["B-owner", "B-item", "O"]}""",
        """{"text": "forgot my password !", "spans": [{"start": 7, "end": 9, "label": "owner"}, {"start": 10, "end": 18, "label": "item"}]}""",
        """{"tokens": ["help", "reset", "the", "password"], "tags": ["O", "O", "O", "B-item"]}""",
        """{"tokens": ["still", "not", "arrived"], "tags": ["O", "O", "O"]}""",
        """{"tokens": ["the", "card", "money", "back"], "tags": ["O", "B-item", "O", "O"]}""",
    ];

    [Fact]
    public void InterruptedRunResumesAsEntityRun()
    {
        string data = Path.Combine(root, "slots.jsonl");
        File.WriteAllLines(data, Lines);
        string output = Path.Combine(root, "run");
        var request = new TrainRequest
        {
            DataPath = data, ValidationPath = data, TestPath = data, OutputFolder = output,
            BaseModel = TinyBaseFolder.Create(Path.Combine(root, "base")),
            Options = new TrainingOptions { NumTrainEpochs = 4, BatchSize = 3, SaveSteps = 1, LoggingSteps = 1000 },
        };
        using var interruption = new CancellationTokenSource();

        // Given an entity run cancelled after its fifth step,
        Assert.Throws<OperationCanceledException>(() =>
            new EntityFineTuneJob(NullLoggerFactory.Instance, new CancelAfterStep(interruption, step: 5))
                .Run(request, cancellation: interruption.Token));

        // when its staging folder is taken over and resumed,
        using var folder = TrainingRunFolder.Resume(output);
        Assert.Equal("entities", folder.Request.Task);
        MetricsDocument metrics = new EntityFineTuneJob(NullLoggerFactory.Instance).Resume(folder);

        // then it ends as an entity tagger with scores, and no staging folder remains.
        Assert.True(metrics.GetSection("test")!.ContainsKey("entity_f1"));
        Assert.Equal(["BertForTokenClassification"], BertConfig.Load(Path.Combine(output, "config.json")).Architectures);
        Assert.Empty(Directory.GetDirectories(root, ".run.partial-*"));
    }

    [Fact]
    public void FitsTaggedSentences()
    {
        string data = Path.Combine(root, "slots.jsonl");
        File.WriteAllLines(data, Lines);
        string output = Path.Combine(root, "run");
        var request = new TrainRequest
        {
            DataPath = data, ValidationPath = data, TestPath = data, OutputFolder = output,
            BaseModel = TinyBaseFolder.Create(Path.Combine(root, "base")),
            Options = new TrainingOptions
            {
                LearningRate = 5e-3, NumTrainEpochs = 60, BatchSize = 3, WarmupRatio = 0, EarlyStoppingPatience = 0,
                LoggingSteps = 1000, Seed = 3,
            },
        };

        MetricsDocument metrics = new EntityFineTuneJob(NullLoggerFactory.Instance).Run(request);

        Assert.Equal(1.0, metrics.GetSection("test")!["entity_f1"]);
        Assert.Equal(1.0, metrics.GetSection("test")!["token_accuracy"]);
        BertConfig config = BertConfig.Load(Path.Combine(output, "config.json"));
        Assert.Equal(["BertForTokenClassification"], config.Architectures);
        Assert.Equal(["O", "B-item", "I-item", "B-owner", "I-owner"], config.LabelsInOrder());
        Assert.True(File.Exists(Path.Combine(output, "entity_errors.jsonl")));
        Assert.True(File.Exists(Path.Combine(output, "report.md")));

        using var predictor = EntityPredictor.Load(output);
        var result = Assert.Single(predictor.Predict(["where is my card"]));
        Assert.Equal(["owner", "item"], result.Entities.Select(e => e.Label));
        Assert.Equal("card", result.Entities[1].Text);
        Assert.Equal(12, result.Entities[1].Start);
        Assert.Equal(16, result.Entities[1].CodePointEnd);
    }

    [Fact]
    public void FirstPieceCarriesTheLabel()
    {
        var tokenizer = Core.Tokenization.BertWordPieceTokenizer.FromFolder(TinyBaseFolder.Create(Path.Combine(root, "t")));
        var example = Core.Entities.TaggedDataReader.Read(new StringReader(
            """{"tokens": ["hasn't", "card"], "tags": ["B-x", "I-x"]}"""), "x.jsonl").Examples[0];
        var tagIds = new Dictionary<string, int> { ["O"] = 0, ["B-x"] = 1, ["I-x"] = 2 };

        TaggedEncoding encoding = TaggedEncoding.Encode(tokenizer, example, tagIds, maxLength: 16);

        // [CLS] hasn ' t card [SEP]: the label sits on "hasn" and "card" only.
        Assert.Equal([-100L, 1, -100, -100, 2, -100], encoding.Labels);
        Assert.Equal([1, 4], encoding.FirstPieces);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
