using Microsoft.Extensions.Logging;
using SuperTune.Core;
using SuperTune.Core.Entities;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Models;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Training.Entities;
using TorchSharp;

namespace SuperTune.Training.Jobs;

/// <summary>
/// <c>supertune evaluate</c> for an entity tagger: score a model folder on a tagged JSONL file and write
/// metrics.json, report.md and entity_errors.jsonl.
/// </summary>
public sealed class EntityEvaluateJob(ILoggerFactory loggerFactory)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<EntityEvaluateJob>();

    /// <summary>Runs the evaluation and returns its scores; files go to the request's output folder.</summary>
    public EntityEvaluation Run(EvaluateRequest request)
    {
        if (request.BatchSize < 1) throw new SuperTuneException($"--batch-size must be at least 1, got {request.BatchSize}.");

        if (request.OutputFolder is not null) AtomicFolder.EnsureReplaceable(request.OutputFolder, "--out", requireModelConfig: false);
        var dataset = TaggedDataReader.Read(request.DataPath);
        var (model, tokenizer) = TokenClassifierFolder.Load(request.ModelFolder);
        using var disposeModel = model;
        var device = TorchDevices.Resolve(request.Device);
        model.to(device);

        var maxLength = model.Config.SuperTune?.MaxLength ?? 128;
        var encodings = dataset.Examples
            .Select(e => TaggedEncoding.Encode(tokenizer, e, model.Config.Label2Id!, maxLength)).ToList();
        var (evaluation, _) = EntityScoring.Evaluate(model, dataset.Examples, encodings, tokenizer.PadId,
            request.BatchSize, device);
        var unknown = dataset.EntityTypes.Where(type => !model.Config.Label2Id!.ContainsKey("B-" + type)).ToList();
        if (unknown.Count > 0)
        {
            logger.LogWarning("{Count} entity types of {File} are unknown to the model and count as misses: {Types}",
                unknown.Count, request.DataPath, string.Join(", ", unknown.Take(10)));
        }

        var target = request.OutputFolder
            ?? Path.Combine(request.ModelFolder, "evaluations", Path.GetFileNameWithoutExtension(request.DataPath));
        using var folder = AtomicFolder.Begin(target, "--out", requireModelConfig: false);
        var metrics = new MetricsDocument();
        var section = new Dictionary<string, object>(evaluation.ToDictionary())
        {
            ["truncated_texts"] = encodings.Count(e => e.Truncated),
        };
        metrics.SetSection("evaluation", section);
        metrics.Write(Path.Combine(folder.StagingPath, "metrics.json"));
        EntityErrorsFile.Write(evaluation, folder.StagingPath);
        EntityReport.Write(Path.Combine(folder.StagingPath, "report.md"), "Entity evaluation report",
            [new("Model", request.ModelFolder), new("Data", request.DataPath)], metrics, evaluation);
        folder.Commit();

        logger.LogInformation("Entity F1 {F1:P2} (precision {Precision:P2}, recall {Recall:P2}), token accuracy " +
                              "{Accuracy:P2} on {Count} examples. Results in {Folder}", evaluation.Micro.F1,
            evaluation.Micro.Precision, evaluation.Micro.Recall, evaluation.TokenAccuracy, dataset.Examples.Count,
            folder.Target);
        return evaluation;
    }
}
