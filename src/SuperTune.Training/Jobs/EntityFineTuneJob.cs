using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Entities;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Models;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Modeling.Weights;
using SuperTune.Training.Entities;
using static TorchSharp.torch;

namespace SuperTune.Training.Jobs;

/// <summary>
/// <c>supertune train --task entities</c>: read tagged data, fine-tune a token classification head through the
/// shared <see cref="Trainer"/>, score spans on validation and test data, and write the model folder atomically.
/// </summary>
public sealed class EntityFineTuneJob(ILoggerFactory loggerFactory, ITrainingMonitor? monitor = null)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<EntityFineTuneJob>();

    /// <summary>Runs the job and returns the metrics written to metrics.json.</summary>
    /// <param name="redactor">When given, replaces personal data in every text before the model sees it.</param>
    /// <param name="cancellation">Stops training between steps; the output folder is then left as it was.</param>
    public MetricsDocument Run(TrainRequest request, Func<TaggedDataset, TaggedDataset>? redactor = null,
        CancellationToken cancellation = default)
    {
        request.Options.Validate();
        FineTuneJob.CheckPaths(request);
        TrainingRunFolder.RequireNoInterruptedRun(request.OutputFolder);
        return Execute(request with { Task = "entities" }, redactor, () => TrainingRunFolder.Begin(request with
        {
            Task = "entities", Redact = redactor is not null,
        }), cancellation);
    }

    /// <summary>Continues an interrupted entity run from its newest checkpoint, with its original request.</summary>
    /// <param name="redactor">Must redact as the interrupted run did when its request has <c>Redact</c> set.</param>
    public MetricsDocument Resume(TrainingRunFolder folder, Func<TaggedDataset, TaggedDataset>? redactor = null,
        CancellationToken cancellation = default)
    {
        logger.LogInformation("Resuming the run for {Folder} from {Staging}", folder.Target, folder.StagingPath);
        return Execute(folder.Request, redactor, () => folder, cancellation);
    }

    private MetricsDocument Execute(TrainRequest request, Func<TaggedDataset, TaggedDataset>? redactor,
        Func<TrainingRunFolder> openFolder, CancellationToken cancellation)
    {
        var options = request.Options;
        var device = TorchDevices.Resolve(options.Device);

        // Data: every file is read and checked before the slow model load.
        var data = Read(request.DataPath, redactor);
        var test = request.TestPath is null ? null : Read(request.TestPath, redactor);
        var (trainExamples, validationExamples) = request.ValidationPath is null
            ? SplitValidation(data.Examples, options)
            : (data.Examples, Read(request.ValidationPath, redactor).Examples);
        if (data.SpanCount == 0)
        {
            throw new SuperTuneException($"--data {request.DataPath}: no example has an entity, so there is nothing to learn.",
                "Tag at least one entity per type in the training data.");
        }

        // Base encoder, token classification head and encoded data.
        using var pretrained = PretrainedBase.Load(request.BaseModel);
        var maxLength = Math.Min(options.MaxLength, pretrained.Config.MaxPositionEmbeddings);
        var tags = BioTags.TagSet(data.EntityTypes);
        var config = pretrained.Config.WithTokenLabels(tags) with
        {
            SuperTune = new SuperTuneModelSettings
            {
                Task = "entities", Pooling = PoolingNames.Cls, MaxLength = maxLength, BaseModel = pretrained.Name,
            },
        };
        manual_seed(options.Seed);
        using var model = new BertForTokenClassification(config);
        StateDictLoader.Load(model.Bert, pretrained.Weights, pretrained.Name);
        pretrained.ReleaseWeights();
        var tokenizer = pretrained.Tokenizer;
        var train = Encode(tokenizer, trainExamples, config, maxLength, "training");
        var validation = Encode(tokenizer, validationExamples, config, maxLength, "validation");
        logger.LogInformation("Base model {Base}, {Types} entity types ({Tags} BIO tags), max length {MaxLength}",
            pretrained.Name, data.EntityTypes.Count, tags.Count, maxLength);

        // Fine-tuning into a staging folder that becomes the output folder only when complete. Its checkpoints
        // outlive a failed or interrupted run, so the run can be resumed.
        using var folder = openFolder();
        var task = new TokenClassificationTask(model, train, validationExamples, validation, tokenizer.PadId, options);
        var trainer = new Trainer(options, loggerFactory.CreateLogger<Trainer>(), monitor);
        var result = folder.Train(trainer, task, logger, cancellation);
        TokenClassifierFolder.Save(model, tokenizer, folder.StagingPath);
        (options with { MaxLength = maxLength }).Save(Path.Combine(folder.StagingPath, "training_options.json"));

        // Span scores of the restored best epoch on validation and, when given, test data.
        var metrics = new MetricsDocument();
        metrics.SetSection("training", Training(result, train.Count, pretrained.Name));
        var (validationEvaluation, _) = EntityScoring.Evaluate(model, validationExamples, validation, tokenizer.PadId,
            options.EvalBatchSize, device);
        metrics.SetSection("validation", validationEvaluation.ToDictionary());
        var reported = validationEvaluation;
        if (test is not null)
        {
            var testEncodings = Encode(tokenizer, test.Examples, config, maxLength, "test");
            var (testEvaluation, _) = EntityScoring.Evaluate(model, test.Examples, testEncodings, tokenizer.PadId,
                options.EvalBatchSize, device);
            metrics.SetSection("test", testEvaluation.ToDictionary());
            reported = testEvaluation;
            logger.LogInformation("Test: entity F1 {F1:P2} (precision {Precision:P2}, recall {Recall:P2}), token " +
                                  "accuracy {Accuracy:P2} on {Count} examples", testEvaluation.Micro.F1,
                testEvaluation.Micro.Precision, testEvaluation.Micro.Recall, testEvaluation.TokenAccuracy,
                test.Examples.Count);
        }

        metrics.Write(Path.Combine(folder.StagingPath, "metrics.json"));
        EntityErrorsFile.Write(reported, folder.StagingPath);
        EntityReport.Write(Path.Combine(folder.StagingPath, "report.md"), "Entity fine-tuning report",
            [new("Base model", pretrained.Name), new("Training data", request.DataPath),
             new("Test data", request.TestPath ?? "none"), new("Best epoch", $"{result.BestEpoch} of {result.EpochsRun}")],
            metrics, reported);
        folder.Commit();
        logger.LogInformation("Model written to {Folder}", folder.Target);

        if (result.Divergence is not null) throw result.Divergence;
        return metrics;
    }

    private TaggedDataset Read(string path, Func<TaggedDataset, TaggedDataset>? redactor)
    {
        var dataset = TaggedDataReader.Read(path);
        return redactor is null ? dataset : redactor(dataset);
    }

    private (IReadOnlyList<TaggedExample> Train, IReadOnlyList<TaggedExample> Validation) SplitValidation(
        IReadOnlyList<TaggedExample> examples, TrainingOptions options)
    {
        int validationCount = (int)Math.Round(examples.Count * options.ValidationFraction);
        if (validationCount < 1 || validationCount >= examples.Count)
        {
            throw new SuperTuneException($"--validation-fraction {options.ValidationFraction} of {examples.Count} "
                + "examples leaves no validation or no training examples.",
                "Pass --validation with a separate file, or add examples.");
        }

        var order = Enumerable.Range(0, examples.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var validation = order.Take(validationCount).Order().Select(i => examples[i]).ToList();
        var train = order.Skip(validationCount).Order().Select(i => examples[i]).ToList();
        logger.LogInformation("Validation: {Count} examples held out at random from --data", validation.Count);
        return (train, validation);
    }

    private List<TaggedEncoding> Encode(Core.Tokenization.BertWordPieceTokenizer tokenizer,
        IReadOnlyList<TaggedExample> examples, BertConfig config, int maxLength, string split)
    {
        var encodings = examples.Select(e => TaggedEncoding.Encode(tokenizer, e, config.Label2Id!, maxLength)).ToList();
        int truncated = encodings.Count(e => e.Truncated);
        if (truncated > 0)
        {
            logger.LogWarning("{Truncated} of {Total} {Split} texts are longer than {MaxLength} tokens; words past the " +
                              "limit are tagged O. Raise --max-length to keep them", truncated, encodings.Count, split,
                maxLength);
        }

        return encodings;
    }

    private static Dictionary<string, object> Training(TrainingResult result, int examples, string baseModel) => new()
    {
        ["examples"] = examples,
        ["epochs_run"] = result.EpochsRun,
        ["best_epoch"] = result.BestEpoch,
        ["steps"] = result.Steps,
        ["seconds"] = result.Seconds,
        ["examples_per_second"] = result.ExamplesPerSecond,
        ["padding_fraction"] = result.PaddingFraction,
        ["stopped_early"] = result.StoppedEarly ? 1 : 0,
        ["diverged"] = result.Divergence is null ? 0 : 1,
        ["base_model"] = baseModel,
    };
}
