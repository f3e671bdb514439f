using Microsoft.Extensions.Logging.Abstractions;
using SuperTune.Training.Retrieval;

namespace SuperTune.Training.Tests.Retrieval;

public class MultipleNegativesRankingTaskTests
{
    [Fact]
    public void LossGoesDownOnTinyPairs()
    {
        using var folder = new TemporaryDirectory();
        var (model, tokenizer) = TinyRetrievalModel.Create(folder.Path, seed: 4);
        using var disposeModel = model;
        var pairs = TinyRetrievalModel.Pairs();
        var options = new TrainingOptions
        {
            LearningRate = 3e-3, NumTrainEpochs = 12, BatchSize = 4, WarmupRatio = 0, EarlyStoppingPatience = 0,
            LoggingSteps = 1000, Seed = 2,
        };
        var contrastive = new ContrastiveBiEncoder(model, scale: 20, learnable: false);
        var task = new MultipleNegativesRankingTask(contrastive, pairs, pairs, tokenizer, 32, options);
        var before = task.Validate(TorchSharp.torch.CPU);

        var result = new Trainer(options, NullLogger.Instance).Train(task, null);

        Assert.True(result.BestValidation.Loss < before.Loss / 2,
            $"validation loss {before.Loss:F3} before, {result.BestValidation.Loss:F3} after");
        Assert.Equal(1.0, result.BestValidation.Score);
    }

    [Fact]
    public void LearnableScaleMoves()
    {
        using var folder = new TemporaryDirectory();
        var (model, tokenizer) = TinyRetrievalModel.Create(folder.Path, seed: 4);
        using var disposeModel = model;
        var options = new TrainingOptions
        {
            LearningRate = 5e-3, NumTrainEpochs = 3, BatchSize = 4, WarmupRatio = 0, LoggingSteps = 1000,
        };
        var contrastive = new ContrastiveBiEncoder(model, scale: 20, learnable: true);
        var pairs = TinyRetrievalModel.Pairs();
        var task = new MultipleNegativesRankingTask(contrastive, pairs, pairs, tokenizer, 32, options);

        new Trainer(options, NullLogger.Instance).Train(task, null);

        Assert.NotEqual(20.0, contrastive.ScaleValue, 3);
    }
}
