using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Calibration;
using SuperTune.Core.Data;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Models;
using SuperTune.Core.OutOfScope;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Modeling.Weights;
using SuperTune.Training.Batching;
using SuperTune.Training.FewShot;
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
    /// <param name="cancellation">
    /// Stops training between steps. Nothing is written to the output folder then, and a run that already wrote a
    /// checkpoint leaves its staging folder for <see cref="Resume(string, CancellationToken)"/>.
    /// </param>
    public MetricsDocument Run(TrainRequest request, CancellationToken cancellation = default)
    {
        request.Options.Validate();
        CheckPaths(request);
        TrainingRunFolder.RequireNoInterruptedRun(request.OutputFolder);
        return Execute(request, mode => TrainingRunFolder.Begin(request with { Mode = mode }), cancellation);
    }

    /// <summary>
    /// Continues the interrupted run for <paramref name="outputFolder"/> from its newest checkpoint, with the
    /// request it was started with, and returns the metrics written to metrics.json.
    /// </summary>
    public MetricsDocument Resume(string outputFolder, CancellationToken cancellation = default) =>
        Resume(TrainingRunFolder.Resume(outputFolder), cancellation);

    /// <summary>Continues the interrupted classifier run whose staging folder <paramref name="folder"/> took over.</summary>
    public MetricsDocument Resume(TrainingRunFolder folder, CancellationToken cancellation = default)
    {
        logger.LogInformation("Resuming the run for {Folder} from {Staging}", folder.Target, folder.StagingPath);
        return Execute(folder.Request, _ => folder, cancellation);
    }

    /// <param name="openFolder">
    /// Opens the staging folder for the resolved training mode, which run.json records.
    /// </param>
    private MetricsDocument Execute(TrainRequest request, Func<string, TrainingRunFolder> openFolder,
        CancellationToken cancellation)
    {
        var options = request.Options;
        TorchDevices.Resolve(options.Device);

        // Data: read every file before the slow model load, so mistakes surface at once.
        var data = ReadData(request.DataPath, request.Data);
        DatasetValidation.RequireAtLeastTwoLabels(data);
        var validationData = request.ValidationPath is null ? null : ReadData(request.ValidationPath, request.Data);
        var testData = request.TestPath is null ? null : ReadData(request.TestPath, request.Data);
        var (trainExamples, validationExamples) = SplitValidation(data, validationData, options);
        var labels = data.Labels;
        var mode = TrainingModes.Resolve(request.Mode, data.CountByLabel);
        if (mode == TrainingModes.FewShot)
        {
            request.FewShot.Validate();
            request.FewShot.CheckPairCount(trainExamples.Count);
        }

        WarnAboutImbalance(data, options);
        if (testData is not null) WarnAboutOverlap(data, testData, "--test");
        if (validationData is not null) WarnAboutOverlap(data, validationData, "--validation");
        OutOfScopeStep.CheckBeforeTraining(request.OutOfScope, labels, validationExamples);

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
        RequireMemory(config, model, options, train);
        logger.LogInformation("Base model {Base}, pooling {Pooling}, {Labels} labels, max length {MaxLength}",
            pretrained.Name, pooling, labels.Count, maxLength);

        // Fine-tuning into a staging folder that becomes the output folder only when complete. Its checkpoints
        // outlive a failed or interrupted run, so the run can be resumed.
        using var folder = openFolder(mode);
        var result = Train(mode, model, train, validation, pretrained.Tokenizer.PadId, request, folder, cancellation);

        // Calibration: one softmax temperature fitted on validation, so reported scores read as probabilities. Rows
        // with labels unknown to the model (out-of-scope rows, for one) take no part in the fit.
        var device = TorchDevices.Resolve(options.Device);
        var (allValidation, _) = TextEncoding.Encode(pretrained.Tokenizer, validationExamples, labelIds, maxLength);
        var validationLogits = ClassifierInference.PredictLogits(model, allValidation, pretrained.Tokenizer.PadId,
            options.EvalBatchSize, device);
        var temperature = TemperatureScaling.Fit(validationLogits, allValidation.Select(e => e.LabelId).ToList());
        logger.LogInformation("Calibration: softmax temperature {Temperature:F3} fitted on the validation split",
            temperature);

        // Evaluation of the restored best epoch on validation and, when given, test data.
        var labelNames = config.LabelsInOrder();
        var validationProbabilities = validationLogits.Select(l => TemperatureScaling.Softmax(l, temperature)).ToArray();
        var validationEvaluation = ClassifierEvaluator.Score(labelNames, validationExamples, validationProbabilities);
        float[][]? testProbabilities = null;
        var truncatedTest = 0;
        if (testData is not null)
        {
            (testProbabilities, truncatedTest) = ClassifierEvaluator.Predict(model, pretrained.Tokenizer,
                testData.Examples, maxLength, options.EvalBatchSize, device, temperature);
        }

        // Out-of-scope rule: thresholds tuned on validation only, then scored on test.
        var outOfScope = OutOfScopeStep.Tune(request.OutOfScope, labelNames, validationExamples,
            validationProbabilities, testData?.Examples, testProbabilities, logger);
        var savedConfig = config with
        {
            SuperTune = config.SuperTune! with { Temperature = temperature, OutOfScope = outOfScope?.Chosen },
        };
        SequenceClassifierFolder.Save(model, pretrained.Tokenizer, folder.StagingPath, savedConfig);
        (options with { Pooling = pooling, MaxLength = maxLength }).Save(Path.Combine(folder.StagingPath, "training_options.json"));
        WarnIfNotLearned(result, data);

        var metrics = new MetricsDocument();
        var trainingSection = TrainingSection(result, train.Count, truncatedTrain, pretrained.Name, temperature);
        trainingSection["mode"] = mode;
        metrics.SetSection("training", trainingSection);
        metrics.SetSection("validation", WithOutOfScope(validationEvaluation.ToDictionary(),
            outOfScope?.ChosenScheme.Choice.Validation));

        var sections = new List<(string Name, ClassificationEvaluation Evaluation)> { ("validation", validationEvaluation) };
        if (testData is not null)
        {
            var testEvaluation = ClassifierEvaluator.Score(labelNames, testData.Examples, testProbabilities!);
            var testMetrics = WithOutOfScope(testEvaluation.ToDictionary(), outOfScope?.ChosenScheme.Test);
            testMetrics["truncated_texts"] = truncatedTest;
            metrics.SetSection("test", testMetrics);
            EvaluationOutput.WriteFiles(testEvaluation, folder.StagingPath, logger);
            sections.Add(("test", testEvaluation));
            logger.LogInformation("Test: accuracy {Accuracy:P2}, macro F1 {MacroF1:F4} on {Count} examples",
                testEvaluation.Accuracy, testEvaluation.Macro.F1, testEvaluation.Count);
            LogOutOfScopeTest(outOfScope);
        }
        else
        {
            EvaluationOutput.WriteFiles(validationEvaluation, folder.StagingPath, logger);
        }

        if (outOfScope is not null) metrics.SetSection("out_of_scope", outOfScope.ToSection());
        metrics.Write(Path.Combine(folder.StagingPath, "metrics.json"));
        EvaluationOutput.WriteReport(Path.Combine(folder.StagingPath, "report.md"), "Fine-tuning report",
            ReportFacts(request, mode, pretrained.Name, pooling, result, labels.Count), metrics, sections,
            outOfScope is null ? [] : [("Out-of-scope detection", outOfScope.ToMarkdown())]);

        folder.Commit();
        logger.LogInformation("Model written to {Folder}", folder.Target);

        // A diverged run still leaves the best validated model, but must not look like a success.
        if (result.Divergence is not null) throw result.Divergence;
        return metrics;
    }

    private TrainingResult Train(string mode, BertForSequenceClassification model, IReadOnlyList<EncodedExample> train,
        IReadOnlyList<EncodedExample> validation, int padId, TrainRequest request, TrainingRunFolder folder,
        CancellationToken cancellation)
    {
        var trainerLogger = loggerFactory.CreateLogger<Trainer>();
        if (mode == TrainingModes.FewShot)
        {
            if (request.Mode == TrainingModes.Auto)
            {
                logger.LogInformation("Mode few-shot: the smallest label has fewer than {Limit} training examples " +
                                      "(--mode auto)", TrainingModes.FewShotBelow);
            }

            // Only a value other than the default can be told apart from an --epochs the user never gave.
            if (request.Options.NumTrainEpochs != new TrainingOptions().NumTrainEpochs)
            {
                logger.LogWarning("Few-shot mode ignores --epochs {Epochs}: its stages run --contrastive-epochs, " +
                                  "--head-epochs and --end-to-end-epochs; pass --mode standard to train for --epochs",
                    request.Options.NumTrainEpochs);
            }

            var fewShot = new FewShotTrainer(request.Options, request.FewShot, trainerLogger, monitor);
            return folder.Train(checkpoints => fewShot.Train(model, train, validation, padId, folder.MetricsJsonlPath,
                cancellation, checkpoints), logger);
        }

        using var task = new SequenceClassificationTask(model, train, validation, padId, request.Options, trainerLogger);
        return folder.Train(new Trainer(request.Options, trainerLogger, monitor), task, logger, cancellation);
    }

    private static Dictionary<string, object> WithOutOfScope(IReadOnlyDictionary<string, object> metrics,
        OutOfScopeMetrics? outOfScope)
    {
        var result = new Dictionary<string, object>(metrics);
        if (outOfScope is null) return result;
        foreach (var (key, value) in OutOfScopeComparison.ToDictionary(outOfScope)) result[key] = value;
        return result;
    }

    private void LogOutOfScopeTest(OutOfScopeComparison? outOfScope)
    {
        if (outOfScope?.ChosenScheme.Test is not { } test) return;
        logger.LogInformation("Test out of scope ({Scheme}): in-scope accuracy {Accuracy:P2}, OOS recall {Recall:P2}, " +
                              "OOS precision {Precision:P2}, AUROC {Auroc:F4}", outOfScope.Chosen.Scheme,
            test.InScopeAccuracy, test.OutOfScopeRecall, test.OutOfScopePrecision, test.Auroc);
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

    private void RequireMemory(BertConfig config, BertForSequenceClassification model, TrainingOptions options,
        IReadOnlyList<EncodedExample> train)
    {
        // Length grouping puts the longest texts into one batch, so that batch sets the peak.
        var longest = train.Max(e => e.InputIds.Length);
        var batchSize = Math.Min(options.BatchSize, train.Count);
        var parameters = model.parameters().Sum(p => p.numel());
        var estimate = MemoryBudget.EstimateTrainingBytes(config, parameters, batchSize, longest);
        var limit = MemoryBudget.LimitBytes(options.MaxMemoryGb);
        logger.LogDebug("Estimated training memory {Estimate:F2} GB of a {Limit:F2} GB limit", estimate / 1e9,
            limit / 1e9);
        MemoryBudget.Require(estimate, limit, batchSize, longest, options.MaxMemoryGb);
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

    private static List<KeyValuePair<string, string>> ReportFacts(TrainRequest request, string mode, string baseModel,
        string pooling, TrainingResult result, int labelCount) =>
    [
        new("Base model", baseModel),
        new("Mode", mode),
        new("Pooling", pooling),
        new("Training data", request.DataPath),
        new("Validation data", request.ValidationPath ?? $"stratified {request.Options.ValidationFraction:P0} of the training data"),
        new("Test data", request.TestPath ?? "none"),
        new("Labels", labelCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Best epoch", $"{result.BestEpoch} of {result.EpochsRun}"),
        new("Training time", $"{result.Seconds:F1} s, {result.ExamplesPerSecond:F1} examples/s"),
    ];
}
