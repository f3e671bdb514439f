using System.CommandLine;
using SuperTune.Training.FewShot;

namespace SuperTune.Cli.Commands;

/// <summary>The <c>--mode</c> option and the few-shot stage options of <c>supertune train</c>.</summary>
internal sealed class FewShotCliOptions
{
    private static readonly FewShotOptions Defaults = new();

    private readonly Option<string> mode = new Option<string>("--mode")
    {
        Description = $"Training mode: standard (cross-entropy), few-shot (contrastive pairs, then the head, then " +
                      $"--end-to-end-epochs), or auto (default: few-shot when the smallest label has fewer than " +
                      $"{TrainingModes.FewShotBelow} training examples).",
        DefaultValueFactory = _ => TrainingModes.Auto,
    }.AcceptOnlyFromAmong([.. TrainingModes.All]);

    private readonly Option<int> pairsPerExample = new("--pairs-per-example")
    {
        Description = "Few-shot: contrastive pairs per training example and epoch, 2 to " +
                      $"{FewShotOptions.MaxPairsPerExample}: half same-label with the cosine loss, all with in-batch.",
        DefaultValueFactory = _ => Defaults.PairsPerExample,
    };

    private readonly Option<int> contrastiveEpochs = new("--contrastive-epochs")
    {
        Description = $"Few-shot: epochs of contrastive encoder tuning, 0 (skip) to {FewShotOptions.MaxEpochs}.",
        DefaultValueFactory = _ => Defaults.ContrastiveEpochs,
    };

    private readonly Option<double> contrastiveLearningRate = new("--contrastive-learning-rate")
    {
        Description = "Few-shot: peak AdamW learning rate of contrastive tuning, above 0 and at most 0.01.",
        DefaultValueFactory = _ => Defaults.ContrastiveLearningRate,
    };

    private readonly Option<string> contrastiveLoss = new Option<string>("--contrastive-loss")
    {
        Description = "Few-shot: loss of contrastive tuning: in-batch (default: same-label pairs only, and each " +
                      "text must rank its partner above the batch's partners of other labels) or cosine (SetFit's " +
                      "squared error of each pair's cosine against 1 for same-label and 0 for other pairs).",
        DefaultValueFactory = _ => Defaults.ContrastiveLoss,
    }.AcceptOnlyFromAmong([.. FewShotOptions.ContrastiveLosses]);

    private readonly Option<int> headEpochs = new("--head-epochs")
    {
        Description = $"Few-shot: epochs of head training on the frozen, tuned embeddings, 1 to {FewShotOptions.MaxHeadEpochs}.",
        DefaultValueFactory = _ => Defaults.HeadEpochs,
    };

    private readonly Option<double> headLearningRate = new("--head-learning-rate")
    {
        Description = "Few-shot: peak AdamW learning rate of head training, above 0 and at most 0.01.",
        DefaultValueFactory = _ => Defaults.HeadLearningRate,
    };

    private readonly Option<int> endToEndEpochs = new("--end-to-end-epochs")
    {
        Description = "Few-shot: epochs of a final cross-entropy pass over encoder and head with --learning-rate; " +
                      $"0 skips it; at most {FewShotOptions.MaxEpochs}.",
        DefaultValueFactory = _ => Defaults.EndToEndEpochs,
    };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All =>
        [
            mode, pairsPerExample, contrastiveEpochs, contrastiveLearningRate, contrastiveLoss, headEpochs,
            headLearningRate, endToEndEpochs,
        ];

    /// <summary>Returns the given mode.</summary>
    public string ReadMode(ParseResult parse) => parse.GetValue(mode)!;

    /// <summary>Returns the few-shot settings; they are validated only when the mode resolves to few-shot.</summary>
    public FewShotOptions Read(ParseResult parse) => new()
    {
        PairsPerExample = parse.GetValue(pairsPerExample),
        ContrastiveEpochs = parse.GetValue(contrastiveEpochs),
        ContrastiveLearningRate = parse.GetValue(contrastiveLearningRate),
        ContrastiveLoss = parse.GetValue(contrastiveLoss)!,
        HeadEpochs = parse.GetValue(headEpochs),
        HeadLearningRate = parse.GetValue(headLearningRate),
        EndToEndEpochs = parse.GetValue(endToEndEpochs),
    };
}
