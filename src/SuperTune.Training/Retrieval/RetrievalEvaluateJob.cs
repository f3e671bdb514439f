using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Models;
using SuperTune.Core.Retrieval;

namespace SuperTune.Training.Retrieval;

/// <summary>
/// Scores a retrieval model folder and, in the same run, the untuned base it was trained from: ranking
/// (Recall@1, Recall@5, MRR@10) and decisions (automation rate, answer precision, out-of-scope answer rate)
/// on held-out questions, each model at the thresholds tuned for it on the training run's validation split.
/// metrics.json gets a <c>test</c> section and the same keys under <c>test.</c> in a <c>baseline</c> section.
/// </summary>
public sealed class RetrievalEvaluateJob(ILoggerFactory loggerFactory)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<RetrievalEvaluateJob>();

    /// <summary>Runs the evaluation and returns (fine-tuned, untuned) scores.</summary>
    public (RetrievalEvaluation Tuned, RetrievalEvaluation Baseline) Run(RetrievalEvaluateRequest request)
    {
        if (request.OutputFolder is not null)
        {
            AtomicFolder.EnsureReplaceable(request.OutputFolder, "--out", requireModelConfig: false);
        }

        var saved = RetrievalOptions.TryLoad(request.ModelFolder) ?? new RetrievalOptions();
        var columns = saved.Columns() with { GroupColumn = request.GroupColumn ?? saved.GroupColumn };
        var knowledgeBasePath = request.KnowledgeBasePath ?? saved.KnowledgeBase
            ?? throw new SuperTuneException($"{request.ModelFolder}: the model does not name its knowledge base.",
                "Pass --kb with the question/answer file to search.");
        var knowledgeBase = KnowledgeBaseReader.Read(knowledgeBasePath, columns);
        var questions = HeldOutQuestions.Read(request.DataPath, columns);
        if (request.OutOfScopePath is not null)
        {
            questions.AddRange(HeldOutQuestions.ReadOutOfScope(request.OutOfScopePath, request.OutOfScopeTextColumn,
                request.OutOfScopeLabel));
        }

        // One encoder in memory at a time: the fine-tuned one, then its base.
        RetrievalEvaluation tuned;
        RetrievalSettings settings;
        string? baseName;
        int maxLength;
        using (var tunedModel = SentenceEncoderModel.LoadFolder(request.ModelFolder))
        {
            settings = tunedModel.Settings!;
            baseName = tunedModel.Model.Config.SuperTune?.BaseModel;
            maxLength = tunedModel.MaxLength;
            tuned = Evaluate(knowledgeBase, tunedModel, settings.Match, questions, settings.Thresholds,
                request.ModelFolder);
        }

        var baseSpec = baseName is null || baseName.StartsWith("bundled:", StringComparison.Ordinal) ? null : baseName;
        using var baseModel = SentenceEncoderModel.LoadBase(baseSpec, maxLength);
        var baselineThresholds = settings.BaselineThresholds ?? settings.Thresholds;
        var baseline = Evaluate(knowledgeBase, baseModel, settings.Match, questions, baselineThresholds,
            Path.Combine(request.ModelFolder, "kb_cache", "baseline"));

        var target = request.OutputFolder
            ?? Path.Combine(request.ModelFolder, "evaluations", Path.GetFileNameWithoutExtension(request.DataPath));
        using var folder = AtomicFolder.Begin(target, "--out", requireModelConfig: false);
        var metrics = new MetricsDocument();
        metrics.SetSection("test", tuned.ToDictionary());
        metrics.SetSection("baseline", baseline.ToDictionary("test."));
        metrics.Write(Path.Combine(folder.StagingPath, "metrics.json"));
        folder.Commit();
        Log("fine-tuned", tuned);
        Log("untuned", baseline);
        logger.LogInformation("Results in {Folder}", folder.Target);
        return (tuned, baseline);
    }

    private RetrievalEvaluation Evaluate(KnowledgeBase knowledgeBase, SentenceEncoderModel model, string match,
        IReadOnlyList<(string Question, string? RelevantKey)> questions, AnswerThresholds thresholds, string cacheFolder)
    {
        var (index, stats) = KnowledgeBaseIndex.Build(knowledgeBase, model.Embedder, match, cacheFolder);
        logger.LogInformation("Index of {Count} entries: {Reused} embeddings from the cache, {Embedded} computed, " +
                              "{Seconds:F1} s", index.Count, stats.Reused, stats.Embedded, stats.Seconds);
        return RetrievalEvaluation.Compute(RetrievalEvaluator.Rank(index, model.Embedder, questions), thresholds);
    }

    private void Log(string which, RetrievalEvaluation evaluation) =>
        logger.LogInformation("{Which}: recall@1 {Recall1:P2}, recall@5 {Recall5:P2}, MRR@10 {Mrr:F4}, automation " +
                              "{Automation:P1} at precision {Precision:P2}, out-of-scope answered {Oos:P2} " +
                              "({Count} questions, {OosCount} out of scope)", which, evaluation.RecallAt1,
            evaluation.RecallAt5, evaluation.MrrAt10, evaluation.AutomationRate, evaluation.AnswerPrecision,
            evaluation.OutOfScopeAnswerRate, evaluation.Count, evaluation.OutOfScopeCount);
}
