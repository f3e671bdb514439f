using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Models;
using SuperTune.Core.Retrieval;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Training.Jobs;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training.Retrieval;

/// <summary>
/// The whole <c>supertune train --task retrieval</c> job: read the question/answer file, hold out validation
/// questions, tune the untuned model's thresholds on them as the baseline, optionally mine hard negatives,
/// fine-tune with the multiple-negatives ranking loss on the shared <see cref="Trainer"/>, tune the fine-tuned
/// model's thresholds, and write the model folder atomically with metrics.json.
/// </summary>
public sealed class RetrievalFineTuneJob(ILoggerFactory loggerFactory, ITrainingMonitor? monitor = null)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<RetrievalFineTuneJob>();

    /// <summary>Runs the job and returns the metrics written to metrics.json.</summary>
    /// <param name="cancellation">
    /// Stops training between steps. Nothing is written to the output folder then, and a run that already wrote a
    /// checkpoint leaves its staging folder for <see cref="Resume"/>.
    /// </param>
    public MetricsDocument Run(RetrievalTrainRequest request, CancellationToken cancellation = default)
    {
        request.Options.Validate();
        request.Retrieval.Validate();
        AtomicFolder.EnsureReplaceable(request.OutputFolder, "--out");
        TrainingRunFolder.RequireNoInterruptedRun(request.OutputFolder);
        return Execute(request, () => TrainingRunFolder.Begin(request.ToRunRequest()), cancellation);
    }

    /// <summary>
    /// Continues the interrupted retrieval run whose staging folder <paramref name="folder"/> took over, from its
    /// newest checkpoint and with the request it was started with.
    /// </summary>
    /// <exception cref="SuperTuneException">The folder's run is not a retrieval run.</exception>
    public MetricsDocument Resume(TrainingRunFolder folder, CancellationToken cancellation = default)
    {
        var request = RetrievalTrainRequest.FromRunRequest(folder.Request);
        request.Retrieval.Validate();
        logger.LogInformation("Resuming the run for {Folder} from {Staging}", folder.Target, folder.StagingPath);
        return Execute(request, () => folder, cancellation);
    }

    private MetricsDocument Execute(RetrievalTrainRequest request, Func<TrainingRunFolder> openFolder,
        CancellationToken cancellation)
    {
        var options = request.Options;
        var retrieval = request.Retrieval with { KnowledgeBase = request.DataPath };
        var device = TorchDevices.Resolve(options.Device);

        // Data: the knowledge base and, when given, the test questions, read before the slow model load.
        var knowledgeBase = KnowledgeBaseReader.Read(request.DataPath, retrieval.Columns());
        var test = request.TestPath is null ? null : HeldOutQuestions.Read(request.TestPath, retrieval.Columns());
        var (trainEntries, validationEntries) = ValidationSplit.Split(knowledgeBase.Entries, retrieval.Match,
            options.ValidationFraction, options.Seed);
        trainEntries.AddRange(ReadCorrections(request.CorrectionsPath));
        var tuningEntries = retrieval.Match == MatchField.Answer ? knowledgeBase.Entries : trainEntries;
        var validationQuestions = validationEntries.Select(e => (e.Question, (string?)e.AnswerKey)).ToList();
        logger.LogInformation("Knowledge base {File}: {Entries} entries, {Answers} distinct answers; {Validation} " +
                              "questions held out for validation", request.DataPath, knowledgeBase.Entries.Count,
            knowledgeBase.AnswerKeys().Count, validationEntries.Count);

        // The untuned model: baseline thresholds and metrics on the same validation questions.
        using var model = SentenceEncoderModel.LoadBase(request.BaseModel, options.MaxLength);
        RequireMemory(model, options, retrieval.HardNegatives);
        var tuningBase = knowledgeBase with { Entries = tuningEntries };
        var baseline = TuneOn(tuningBase, model.Embedder, retrieval, validationQuestions, retrieval.Scale);
        LogValidation("untuned", baseline.Thresholds, baseline.Evaluation);

        // Pairs, hard negatives from the untuned model, and contrastive fine-tuning.
        var trainPairs = RetrievalPairBuilder.Build(trainEntries, retrieval.Match, options.Seed);
        var validationPairs = RetrievalPairBuilder.Build(validationEntries, retrieval.Match, options.Seed, trainEntries);
        if (retrieval.HardNegatives)
        {
            trainPairs = HardNegativeMiner.Mine(trainPairs, model.Embedder);
            logger.LogInformation("Hard negatives: mined one per pair for {Count} pairs with the untuned model",
                trainPairs.Count(p => p.HardNegative is not null));
        }

        // Fine-tuning into a staging folder that becomes the output folder only when complete. Its checkpoints
        // hold the encoder and the ranking loss's scale (logit_scale, trained with --learnable-scale), so a
        // resumed run continues with both.
        using var folder = openFolder();
        // Not disposed here: it owns the encoder, which model disposes.
        var contrastive = new ContrastiveBiEncoder(model.Model, retrieval.Scale, retrieval.LearnableScale);
        var task = new MultipleNegativesRankingTask(contrastive, trainPairs, validationPairs, model.Tokenizer,
            model.MaxLength, options);
        if (task.EffectiveBatchSize < options.BatchSize)
        {
            logger.LogWarning("Batches hold {Effective} pairs instead of --batch-size {Requested}: there are only " +
                              "that many distinct answers, and a batch never repeats one", task.EffectiveBatchSize,
                options.BatchSize);
        }

        var trainer = new Trainer(options, loggerFactory.CreateLogger<Trainer>(), monitor);
        var result = folder.Train(trainer, task, logger, cancellation);
        model.Model.to(CPU);

        // Thresholds of the fine-tuned model on the validation questions, then the model folder.
        var tunedEmbedder = new TorchSentenceEmbedder(model.Model, model.Tokenizer, model.MaxLength, "torch:training");
        var tuned = TuneOn(tuningBase, tunedEmbedder, retrieval, validationQuestions, contrastive.ScaleValue);
        LogValidation("fine-tuned", tuned.Thresholds, tuned.Evaluation);
        var config = model.Model.Config with
        {
            SuperTune = model.Model.Config.SuperTune! with
            {
                Retrieval = new RetrievalSettings
                {
                    Match = retrieval.Match,
                    Thresholds = tuned.Thresholds,
                    BaselineThresholds = baseline.Thresholds,
                },
            },
        };
        SentenceEmbeddingFolder.Save(model.Model, config, model.Tokenizer, folder.StagingPath);
        (options with { MaxLength = model.MaxLength }).Save(Path.Combine(folder.StagingPath, "training_options.json"));
        (retrieval with { Scale = contrastive.ScaleValue }).Save(Path.Combine(folder.StagingPath, RetrievalOptions.FileName));

        var metrics = new MetricsDocument();
        metrics.SetSection("training", TrainingSection(result, task, contrastive.ScaleValue, model.Model.Config));
        metrics.SetSection("validation", tuned.Evaluation.ToDictionary());
        var baselineSection = Prefixed(baseline.Evaluation.ToDictionary(), "validation.");
        if (test is not null)
        {
            // Held-out questions against the whole knowledge base, for both models at their own thresholds.
            using var untuned = SentenceEncoderModel.LoadBase(request.BaseModel, options.MaxLength);
            var tunedTest = EvaluateOn(knowledgeBase, tunedEmbedder, retrieval.Match, test, tuned.Thresholds);
            var baseTest = EvaluateOn(knowledgeBase, untuned.Embedder, retrieval.Match, test, baseline.Thresholds);
            metrics.SetSection("test", tunedTest.ToDictionary());
            foreach (var (key, value) in Prefixed(baseTest.ToDictionary(), "test.")) baselineSection[key] = value;
            logger.LogInformation("Test: recall@1 {Tuned:P2} (untuned {Base:P2}), automation {TunedRate:P1} " +
                                  "(untuned {BaseRate:P1}) on {Count} questions", tunedTest.RecallAt1,
                baseTest.RecallAt1, tunedTest.AutomationRate, baseTest.AutomationRate, tunedTest.Count);
        }

        metrics.SetSection("baseline", baselineSection);
        metrics.Write(Path.Combine(folder.StagingPath, "metrics.json"));
        folder.Commit();
        logger.LogInformation("Model written to {Folder}", folder.Target);
        if (result.Divergence is not null) throw result.Divergence;
        return metrics;
    }

    // Agents' corrections become training entries; they never enter the validation split.
    private List<KnowledgeBaseEntry> ReadCorrections(string? path)
    {
        if (path is null) return [];
        if (!File.Exists(path)) throw new SuperTuneException($"--corrections {path}: file not found.");
        using var log = Core.Conversations.ConversationLog.Open(path);
        var entries = log.Corrections()
            .Select(c => new KnowledgeBaseEntry($"correction:{c.TurnId}", c.Question, c.Answer, c.Group, 0)).ToList();
        logger.LogInformation("Corrections: {Count} pairs from {File} added to the training pairs", entries.Count, path);
        return entries;
    }

    /// <summary>
    /// Indexes <paramref name="knowledgeBase"/> and fits thresholds on the validation questions, with answer
    /// confidences at <paramref name="confidenceScale"/> (the ranking loss's scale).
    /// </summary>
    public static (AnswerThresholds Thresholds, RetrievalEvaluation Evaluation) TuneOn(KnowledgeBase knowledgeBase,
        ISentenceEmbedder embedder, RetrievalOptions retrieval,
        IReadOnlyList<(string Question, string? RelevantKey)> validation, double confidenceScale)
    {
        var (index, _) = KnowledgeBaseIndex.Build(knowledgeBase, embedder, retrieval.Match, cacheFolder: null);
        var ranked = RetrievalEvaluator.Rank(index, embedder, validation);
        var thresholds = AnswerThresholdFitter.Fit(ranked, retrieval.TargetPrecision, confidenceScale);
        return (thresholds, RetrievalEvaluation.Compute(ranked, thresholds));
    }

    private static RetrievalEvaluation EvaluateOn(KnowledgeBase knowledgeBase, ISentenceEmbedder embedder,
        string matchField, IReadOnlyList<(string Question, string? RelevantKey)> questions, AnswerThresholds thresholds)
    {
        var (index, _) = KnowledgeBaseIndex.Build(knowledgeBase, embedder, matchField, cacheFolder: null);
        return RetrievalEvaluation.Compute(RetrievalEvaluator.Rank(index, embedder, questions), thresholds);
    }

    private void LogValidation(string which, AnswerThresholds thresholds, RetrievalEvaluation evaluation) =>
        logger.LogInformation("Validation ({Which} model): recall@1 {Recall:P2}, MRR@10 {Mrr:F4}; answer threshold " +
                              "{Answer:F4} answers {Automation:P1} at precision {Precision:P2}; clarify threshold " +
                              "{Clarify:F4}", which, evaluation.RecallAt1, evaluation.MrrAt10, thresholds.Answer,
            evaluation.AutomationRate, evaluation.AnswerPrecision, thresholds.Clarify);

    private static Dictionary<string, object> Prefixed(Dictionary<string, object> values, string prefix) =>
        values.ToDictionary(p => prefix + p.Key, p => p.Value);

    private static Dictionary<string, object> TrainingSection(TrainingResult result, MultipleNegativesRankingTask task,
        double scale, BertConfig config) => new()
    {
        ["pairs"] = task.TrainCount,
        ["validation_pairs"] = task.ValidationCount,
        ["batch_size"] = task.EffectiveBatchSize,
        ["truncated_texts"] = task.TruncatedTexts,
        ["epochs_run"] = result.EpochsRun,
        ["best_epoch"] = result.BestEpoch,
        ["steps"] = result.Steps,
        ["seconds"] = result.Seconds,
        ["examples_per_second"] = result.ExamplesPerSecond,
        ["validation_accuracy_at_1"] = result.BestValidation.Score,
        ["scale"] = scale,
        ["stopped_early"] = result.StoppedEarly ? 1 : 0,
        ["diverged"] = result.Divergence is null ? 0 : 1,
        ["base_model"] = config.SuperTune?.BaseModel ?? "",
    };

    private void RequireMemory(SentenceEncoderModel model, TrainingOptions options, bool hardNegatives)
    {
        // Each pair encodes a question and an answer (and a hard negative when mined) at up to MaxLength tokens,
        // so one batch of B pairs runs the encoder on 2B or 3B sequences. Texts are not tokenized yet, so the
        // estimate takes the length limit; it can only overstate.
        var sequences = options.BatchSize * (hardNegatives ? 3 : 2);
        var parameters = model.Model.parameters().Sum(p => p.numel());
        var estimate = MemoryBudget.EstimateTrainingBytes(model.Model.Config, parameters, sequences, model.MaxLength);
        var limit = MemoryBudget.LimitBytes(options.MaxMemoryGb);
        logger.LogDebug("Estimated training memory {Estimate:F2} GB of a {Limit:F2} GB limit", estimate / 1e9,
            limit / 1e9);
        MemoryBudget.Require(estimate, limit, sequences, model.MaxLength, options.MaxMemoryGb);
    }
}
