using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Calibration;
using SuperTune.Core.Data;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Models;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Modeling.Weights;
using static TorchSharp.torch;

namespace SuperTune.Training.Jobs;

/// <summary>
/// The whole <c>supertune train</c> job: read and check the data, split off validation, load the base encoder, fine-tune,
/// evaluate, and write the model folder atomically with metrics.json and report.md.
/// </summary>
public sealed class FineTuneJob
{
    private readonly ILogger logger;
    private readonly ILoggerFactory loggerFactory;
    private readonly ITrainingMonitor? monitor;

    public FineTuneJob(ILoggerFactory loggerFactory, ITrainingMonitor? monitor = null)
    {
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<FineTuneJob>();
        this.monitor = monitor;
    }

    /// <summary>Runs the job and returns the metrics written to metrics.json.</summary>
    /// <param name="cancellation">Stops training between steps; nothing is written to the output folder then.</param>
    public MetricsDocument Run(TrainRequest request, CancellationToken cancellation = default)
    {
        var options = request.Options;
        options.Validate();
        CheckPaths(request);
        TorchDevices.Resolve(options.Device);

        // Data: read every file before the slow model load, so mistakes surface at once.
        var data = ReadData(request.DataPath, request.Data);
        DatasetValidation.RequireAtLeastTwoLabels(data);
        var validationData = request.ValidationPath is null ? null : ReadData(request.ValidationPath, request.Data);
        var testData = request.TestPath is null ? null : ReadData(request.TestPath, request.Data);
        var (trainExamples, validationExamples) = SplitValidation(data, validationData, options);
        var labels = data.Labels;
        WarnAboutImbalance(data, options);
        if (testData is not null) WarnAboutOverlap(data, testData, "--test");
        if (validationData is not null) WarnAboutOverlap(data, validationData, "--validation");

        // Base encoder, classification head and tokenized data.
        using var pretrained = PretrainedBase.Load(request.BaseModel);
        var maxLength = Math.Min(options.MaxLength, pretrained.Config.MaxPositionEmbeddings);
        var pooling = options.Pooling ?? pretrained.DefaultPooling;
        var config = pretrained.Config.WithLabels(labels) with
        {
            SuperTune = new SuperTuneModelSettings { Pooling = pooling, MaxLength = maxLength, BaseModel = pretrained.Name },
        };
        manual_seed(options.Seed);
        using var model = new BertForSequenceClassification(config, pooling);
        StateDictLoader.Load(model.Bert, pretrained.Weights, pretrained.Name);
        pretrained.ReleaseWeights();

        var labelIds = config.Label2Id!;
        var (train, truncatedTrain) = TextEncoding.Encode(pretrained.Tokenizer, trainExamples, labelIds, maxLength);
        var knownValidation = validationExamples.Where(e => labelIds.ContainsKey(e.Label!)).ToList();
        if (knownValidation.Count == 0)
        {
            throw new SuperTuneException(
                $"--validation {request.ValidationPath}: none of its labels occurs in the training data, so it cannot " +
                "select the best epoch.", "Use validation data with the same labels as --data, or leave --validation out.");
        }

        var (validation, _) = TextEncoding.Encode(pretrained.Tokenizer, knownValidation, labelIds, maxLength);
        ReportTruncation(truncatedTrain, train.Count, maxLength);
        logger.LogInformation("Base model {Base}, pooling {Pooling}, {Labels} labels, max length {MaxLength}",
            pretrained.Name, pooling, labels.Count, maxLength);

        // Fine-tuning into a staging folder that becomes the output folder only when complete.
        using var folder = AtomicFolder.Begin(request.OutputFolder, "--out");
        var trainerLogger = loggerFactory.CreateLogger<Trainer>();
        using var task = new SequenceClassificationTask(model, train, validation, pretrained.Tokenizer.PadId, options,
            trainerLogger);
        var result = new Trainer(options, trainerLogger, monitor)
            .Train(task, Path.Combine(folder.StagingPath, "metrics.jsonl"), cancellation);
        // Calibration: one softmax temperature fitted on validation, so reported scores read as probabilities.
        var device = TorchDevices.Resolve(options.Device);
        var validationLogits = ClassifierInference.PredictLogits(model, validation, pretrained.Tokenizer.PadId,
            options.EvalBatchSize, device);
        var temperature = TemperatureScaling.Fit(validationLogits, validation.Select(e => e.LabelId).ToList());
        var savedConfig = config with { SuperTune = config.SuperTune! with { Temperature = temperature } };
        logger.LogInformation("Calibration: softmax temperature {Temperature:F3} fitted on the validation split",
            temperature);
        SequenceClassifierFolder.Save(model, pretrained.Tokenizer, folder.StagingPath, savedConfig);
        (options with { Pooling = pooling, MaxLength = maxLength }).Save(Path.Combine(folder.StagingPath, "training_options.json"));
        WarnIfNotLearned(result, data);

        // Evaluation of the restored best epoch on validation and, when given, test data.
        var metrics = new MetricsDocument();
        metrics.SetSection("training", TrainingSection(result, train.Count, truncatedTrain, pretrained.Name, temperature));
        var (validationEvaluation, _) = ClassifierEvaluator.Evaluate(model, pretrained.Tokenizer, validationExamples,
            maxLength, options.EvalBatchSize, device, temperature);
        metrics.SetSection("validation", validationEvaluation.ToDictionary());

        var sections = new List<(string Name, ClassificationEvaluation Evaluation)> { ("validation", validationEvaluation) };
        if (testData is not null)
        {
            var (testEvaluation, truncatedTest) = ClassifierEvaluator.Evaluate(model, pretrained.Tokenizer,
                testData.Examples, maxLength, options.EvalBatchSize, device, temperature);
            var testMetrics = new Dictionary<string, object>(testEvaluation.ToDictionary())
            {
                ["truncated_texts"] = truncatedTest,
            };
            metrics.SetSection("test", testMetrics);
            EvaluationOutput.WriteFiles(testEvaluation, folder.StagingPath, logger);
            sections.Add(("test", testEvaluation));
            logger.LogInformation("Test: accuracy {Accuracy:P2}, macro F1 {MacroF1:F4} on {Count} examples",
                testEvaluation.Accuracy, testEvaluation.Macro.F1, testEvaluation.Count);
        }
        else
        {
            EvaluationOutput.WriteFiles(validationEvaluation, folder.StagingPath, logger);
        }

        metrics.Write(Path.Combine(folder.StagingPath, "metrics.json"));
        EvaluationOutput.WriteReport(Path.Combine(folder.StagingPath, "report.md"), "Fine-tuning report",
            ReportFacts(request, pretrained.Name, pooling, result, labels.Count), metrics, sections);
        folder.Commit();
        logger.LogInformation("Model written to {Folder}", folder.Target);

        // A diverged run still leaves the best validated model, but must not look like a success.
        if (result.Divergence is not null) throw result.Divergence;
        return metrics;
    }

    internal static void CheckPaths(TrainRequest request)
    {
        foreach (var (option, path) in new[] { ("--data", request.DataPath), ("--validation", request.ValidationPath),
                     ("--test", request.TestPath) })
        {
            if (path is not null && !File.Exists(path) && !Directory.Exists(path))
            {
                throw new SuperTuneException($"{option} {path}: file not found.");
            }
        }

        AtomicFolder.EnsureReplaceable(request.OutputFolder, "--out");
        var output = Path.GetFullPath(request.OutputFolder).TrimEnd(Path.DirectorySeparatorChar);
        if (request.BaseModel is not null && Directory.Exists(request.BaseModel)
            && Path.GetFullPath(request.BaseModel).TrimEnd(Path.DirectorySeparatorChar) == output)
        {
            throw new SuperTuneException($"--out {request.OutputFolder} is the --base folder; training would replace it.",
                "Write the fine-tuned model to another folder.");
        }
    }

    private void WarnAboutImbalance(Dataset data, TrainingOptions options)
    {
        var largest = data.CountByLabel.MaxBy(p => p.Value);
        var smallest = data.CountByLabel.MinBy(p => p.Value);
        if (largest.Value < 3 * smallest.Value) return;
        var weighted = ClassWeightingChoice.Resolve(options.ClassWeighting, data.CountByLabel.Values.ToList());
        logger.LogWarning("Labels are imbalanced: {Largest} has {LargestCount} examples, {Smallest} only {SmallestCount}; " +
                          "the loss is {Weighting} (--class-weighting {Choice})", largest.Key, largest.Value,
            smallest.Key, smallest.Value, weighted ? "weighted by inverse label frequency" : "not weighted",
            options.ClassWeighting);
    }

    private void WarnAboutOverlap(Dataset train, Dataset other, string option)
    {
        var trainTexts = train.Examples.Select(e => e.Text).ToHashSet(StringComparer.Ordinal);
        var shared = other.Examples.Where(e => trainTexts.Contains(e.Text)).ToList();
        if (shared.Count == 0) return;
        logger.LogWarning("{Count} of {Total} texts in {Option} {File} also occur in --data (first at line {Line}); " +
                          "scores on them overstate how the model does on new messages", shared.Count,
            other.Examples.Count, option, other.Path, shared[0].Line);
    }

    private void WarnIfNotLearned(TrainingResult result, Dataset data)
    {
        // Predicting the most frequent label for everything already reaches this accuracy.
        var majorityShare = data.CountByLabel.Values.Max() / (double)data.Examples.Count;
        var accuracy = result.BestValidation.Metrics.GetValueOrDefault("accuracy");
        if (accuracy > majorityShare + 0.01) return;
        logger.LogWarning("The model did not learn: its best validation accuracy {Accuracy:P1} is no better than always " +
                          "answering the most frequent label ({Majority:P1}). Lower --learning-rate or check the labels",
            accuracy, majorityShare);
    }

    private Dataset ReadData(string path, DataReadOptions options)
    {
        var dataset = DatasetReader.Read(path, options);
        foreach (var warning in dataset.Warnings.Take(10))
        {
            logger.LogWarning("{File}:{Line}: {Message}", warning.File, warning.Line, warning.Message);
        }

        if (dataset.Warnings.Count > 10)
        {
            logger.LogWarning("{Count} more data warnings in {File} not shown", dataset.Warnings.Count - 10, path);
        }

        return dataset;
    }

    private (IReadOnlyList<TextExample> Train, IReadOnlyList<TextExample> Validation) SplitValidation(Dataset data,
        Dataset? validationData, TrainingOptions options)
    {
        if (validationData is not null)
        {
            var unknown = validationData.Examples.Where(e => !data.CountByLabel.ContainsKey(e.Label!)).ToList();
            if (unknown.Count > 0)
            {
                logger.LogWarning("{Count} validation examples carry labels absent from the training data " +
                                  "(first at {File}:{Line}); they are left out of model selection",
                    unknown.Count, validationData.Path, unknown[0].Line);
            }

            return (data.Examples, validationData.Examples);
        }

        DatasetValidation.RequireStratifiable(data, options.ValidationFraction);
        return StratifiedSplit.Split(data.Examples, options.ValidationFraction, options.Seed);
    }

    private void ReportTruncation(int truncated, int total, int maxLength)
    {
        if (truncated == 0) return;
        logger.LogWarning("{Truncated} of {Total} training texts are longer than {MaxLength} tokens and were truncated; " +
                          "raise --max-length to keep more of them", truncated, total, maxLength);
    }

    private static Dictionary<string, object> TrainingSection(TrainingResult result, int examples, int truncated,
        string baseModel, double temperature) => new()
    {
        ["examples"] = examples,
        ["epochs_run"] = result.EpochsRun,
        ["best_epoch"] = result.BestEpoch,
        ["steps"] = result.Steps,
        ["seconds"] = result.Seconds,
        ["examples_per_second"] = result.ExamplesPerSecond,
        ["tokens_per_second"] = result.TokensPerSecond,
        ["padding_fraction"] = result.PaddingFraction,
        ["truncated_texts"] = truncated,
        ["stopped_early"] = result.StoppedEarly ? 1 : 0,
        ["diverged"] = result.Divergence is null ? 0 : 1,
        ["base_model"] = baseModel,
        ["temperature"] = temperature,
    };

    private static List<KeyValuePair<string, string>> ReportFacts(TrainRequest request, string baseModel,
        string pooling, TrainingResult result, int labelCount) =>
    [
        new("Base model", baseModel),
        new("Pooling", pooling),
        new("Training data", request.DataPath),
        new("Validation data", request.ValidationPath ?? $"stratified {request.Options.ValidationFraction:P0} of the training data"),
        new("Test data", request.TestPath ?? "none"),
        new("Labels", labelCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Best epoch", $"{result.BestEpoch} of {result.EpochsRun}"),
        new("Training time", $"{result.Seconds:F1} s, {result.ExamplesPerSecond:F1} examples/s"),
    ];
}
