using Microsoft.Extensions.Logging.Abstractions;
using SuperTune.Core.Models;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Batching;
using static TorchSharp.torch;

namespace SuperTune.Training.Tests;

public class TrainerTests
{
    private static BertConfig TinyConfig(int labels) => new BertConfig
    {
        VocabSize = 60, HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 4, IntermediateSize = 37,
        MaxPositionEmbeddings = 32,
    }.WithLabels(Enumerable.Range(0, labels).Select(i => $"l{i}").ToList());

    /// <summary>Eight short sequences whose label is fixed by their first content token.</summary>
    private static List<EncodedExample> ToyExamples() =>
        Enumerable.Range(0, 8).Select(i => new EncodedExample([2, 10 + i % 4, 20 + i, 30 + i % 3, 3], i % 4)).ToList();

    private static BertForSequenceClassification NewModel(int seed)
    {
        manual_seed(seed);
        return new BertForSequenceClassification(TinyConfig(4), PoolingNames.Mean);
    }

    private static TrainingResult Train(BertForSequenceClassification model, TrainingOptions options,
        string? metricsJsonlPath, ITrainingMonitor? monitor = null)
    {
        var examples = ToyExamples();
        using var task = new SequenceClassificationTask(model, examples, examples, padId: 0, options,
            NullLogger.Instance);
        return new Trainer(options, NullLogger.Instance, monitor).Train(task, metricsJsonlPath);
    }

    [Fact]
    public void OverfitsOneBatch()
    {
        using var model = NewModel(seed: 3);
        var options = new TrainingOptions
        {
            LearningRate = 3e-3, NumTrainEpochs = 60, BatchSize = 8, WarmupRatio = 0, EarlyStoppingPatience = 0,
            LoggingSteps = 1000,
        };

        var result = Train(model, options, null);

        Assert.Equal(1.0, result.BestValidation.Metrics["accuracy"]);
        Assert.True(result.BestValidation.Loss < 0.1, $"validation loss {result.BestValidation.Loss}");
    }

    [Fact]
    public void SameSeedGivesIdenticalWeights()
    {
        var options = new TrainingOptions { NumTrainEpochs = 2, BatchSize = 3, LoggingSteps = 1000, Seed = 7 };

        using var first = NewModel(seed: 5);
        using var second = NewModel(seed: 5);
        Train(first, options, null);
        Train(second, options, null);

        foreach (var (name, value) in first.state_dict())
        {
            var difference = (value - second.state_dict()[name]).abs().max().item<float>();
            Assert.True(difference == 0, $"{name} differs by up to {difference} between two runs with one seed");
        }
    }

    [Fact]
    public void NonFiniteLossStopsTraining()
    {
        using var model = NewModel(seed: 1);
        using (no_grad())
        {
            model.named_parameters().First(p => p.name == "classifier.bias").parameter.fill_(float.NaN);
        }

        var options = new TrainingOptions { NumTrainEpochs = 1, BatchSize = 4, LoggingSteps = 1000 };

        var error = Assert.Throws<NonFiniteLossException>(() =>
            Train(model, options, null));

        Assert.Contains("NaN", error.Message);
        Assert.False(error.RestoredBest);
    }

    [Fact]
    public void DivergenceAfterValidationKeepsBestEpoch()
    {
        using var model = NewModel(seed: 1);
        var options = new TrainingOptions { NumTrainEpochs = 3, BatchSize = 4, LoggingSteps = 1000 };
        var poisoner = new PoisonAfterStep(model, step: 3); // two steps per epoch: poison during epoch 2

        var result = Train(model, options, null, poisoner);

        Assert.NotNull(result.Divergence);
        Assert.True(result.Divergence!.RestoredBest);
        Assert.Equal(1, result.BestEpoch);
        var bias = model.named_parameters().First(p => p.name == "classifier.bias").parameter;
        Assert.False(bias.isnan().any().item<bool>());
    }

    /// <summary>Writes NaN into the classifier bias after a given optimizer step, to make the next loss NaN.</summary>
    private sealed class PoisonAfterStep(BertForSequenceClassification model, int step) : ITrainingMonitor
    {
        public void OnStep(int current, int totalSteps)
        {
            if (current != step) return;
            using var noGrad = no_grad();
            model.named_parameters().First(p => p.name == "classifier.bias").parameter.fill_(float.NaN);
        }

        public void OnFinished()
        {
        }
    }

    [Fact]
    public void MetricsJsonlRecordsStartStepsEvalAndEnd()
    {
        using var model = NewModel(seed: 2);
        var path = Path.Combine(Path.GetTempPath(), $"supertune-metrics-{Guid.NewGuid():N}.jsonl");
        var options = new TrainingOptions { NumTrainEpochs = 2, BatchSize = 4, LoggingSteps = 1 };

        try
        {
            Train(model, options, path);
            var types = File.ReadAllLines(path)
                .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("type").GetString())
                .ToList();

            Assert.Equal("start", types[0]);
            Assert.Equal("end", types[^1]);
            Assert.Equal(4, types.Count(t => t == "step"));
            Assert.Equal(2, types.Count(t => t == "eval"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
