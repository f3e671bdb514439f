using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Data;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Models;
using SuperTune.Core.OutOfScope;
using SuperTune.Modeling.Checkpoints;
using TorchSharp;

namespace SuperTune.Training.Jobs;

/// <summary>The <c>supertune evaluate</c> job: score a model folder on a labelled file and write the results.</summary>
public sealed class EvaluateJob(ILoggerFactory loggerFactory)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<EvaluateJob>();

    /// <summary>Runs the evaluation and returns its scores; files go to the request's output folder.</summary>
    public ClassificationEvaluation Run(EvaluateRequest request)
    {
        if (request.BatchSize < 1) throw new SuperTuneException($"--batch-size must be at least 1, got {request.BatchSize}.");

        if (request.OutputFolder is not null) AtomicFolder.EnsureReplaceable(request.OutputFolder, "--out", requireModelConfig: false);
        var dataset = DatasetReader.Read(request.DataPath, request.Data);
        var (model, tokenizer) = SequenceClassifierFolder.Load(request.ModelFolder);
        using var disposeModel = model;
        var device = TorchDevices.Resolve(request.Device);
        model.to(device);

        var maxLength = model.Config.SuperTune?.MaxLength ?? 128;
        var labels = model.Config.LabelsInOrder();
        var (probabilities, truncated) = ClassifierEvaluator.Predict(model, tokenizer, dataset.Examples, maxLength,
            request.BatchSize, device, model.Config.SuperTune?.Temperature ?? 1.0);
        var evaluation = ClassifierEvaluator.Score(labels, dataset.Examples, probabilities);
        if (evaluation.UnseenGoldLabels.Count > 0)
        {
            logger.LogWarning("{Count} gold labels are unknown to the model and count as errors: {Labels}",
                evaluation.UnseenGoldLabels.Count, string.Join(", ", evaluation.UnseenGoldLabels.Take(10).Select(u => u.Label)));
        }

        var target = request.OutputFolder
            ?? Path.Combine(request.ModelFolder, "evaluations", Path.GetFileNameWithoutExtension(request.DataPath));
        using var folder = AtomicFolder.Begin(target, "--out", requireModelConfig: false);
        var metrics = new MetricsDocument();
        var section = new Dictionary<string, object>(evaluation.ToDictionary()) { ["truncated_texts"] = truncated };
        var outOfScope = model.Config.SuperTune?.OutOfScope;
        if (outOfScope is not null)
        {
            outOfScope.Validate(Path.Combine(request.ModelFolder, SequenceClassifierFolder.ConfigFile));
            var gold = dataset.Examples.Select(e => e.Label ?? "").ToList();
            var scored = OutOfScopeComparison.Score(outOfScope.Scheme, labels,
                OutOfScopeVerdict.IndexOf(labels, outOfScope.Label), outOfScope.Label, probabilities, gold);
            var outOfScopeMetrics = OutOfScopeMetrics.Compute(scored, outOfScope.Scheme, outOfScope.Threshold);
            foreach (var (key, value) in OutOfScopeComparison.ToDictionary(outOfScopeMetrics)) section[key] = value;
            logger.LogInformation("Out of scope ({Scheme}, threshold {Threshold:F4}): in-scope accuracy {Accuracy:P2}, " +
                                  "OOS recall {Recall:P2}, OOS precision {Precision:P2}", outOfScope.Scheme,
                outOfScope.Threshold, outOfScopeMetrics.InScopeAccuracy, outOfScopeMetrics.OutOfScopeRecall,
                outOfScopeMetrics.OutOfScopePrecision);
        }

        metrics.SetSection("evaluation", section);
        metrics.Write(Path.Combine(folder.StagingPath, "metrics.json"));
        EvaluationOutput.WriteFiles(evaluation, folder.StagingPath, logger);
        EvaluationOutput.WriteReport(Path.Combine(folder.StagingPath, "report.md"), "Evaluation report",
            [new("Model", request.ModelFolder), new("Data", request.DataPath)], metrics, [("evaluation", evaluation)]);
        folder.Commit();

        logger.LogInformation("Accuracy {Accuracy:P2}, macro F1 {MacroF1:F4}, weighted F1 {WeightedF1:F4} on {Count} " +
                              "examples; {Truncated} truncated. Results in {Folder}", evaluation.Accuracy,
            evaluation.Macro.F1, evaluation.Weighted.F1, evaluation.Count, truncated, folder.Target);
        return evaluation;
    }
}
