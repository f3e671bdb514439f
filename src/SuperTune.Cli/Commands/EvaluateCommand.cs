using System.CommandLine;
using SuperTune.Core.Data;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Training.Jobs;
using SuperTune.Training.Retrieval;

namespace SuperTune.Cli.Commands;

/// <summary><c>supertune evaluate</c>: score a model folder on a labelled file.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model folder written by `supertune train`.", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled data (CSV, TSV or JSONL).", Required = true };
        var output = new Option<string?>("--out")
        {
            Description = "Folder for metrics.json, report.md, confusion matrix and errors; default " +
                          "MODEL/evaluations/<data file name>.",
        };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Examples per forward pass. Default 64.",
            DefaultValueFactory = _ => 64,
        };
        var textColumn = CommonOptions.TextColumn();
        var labelColumn = CommonOptions.LabelColumn();
        var format = CommonOptions.Format();
        var task = CommonOptions.Task();
        var device = CommonOptions.Device();
        var knowledgeBase = new Option<string?>("--kb")
        {
            Description = "Retrieval: knowledge base to search; default: the file the model was trained on.",
        };
        var groupColumn = KnowledgeBaseOptions.GroupColumn();
        var outOfScope = new Option<string?>("--oos")
        {
            Description = "Retrieval: file of questions with no right answer (column --oos-column), to measure how " +
                          "many are answered anyway.",
        };
        var outOfScopeColumn = new Option<string>("--oos-column")
        {
            Description = "Retrieval: text column of --oos.",
            DefaultValueFactory = _ => "text",
        };
        var outOfScopeLabel = new Option<string?>("--oos-label")
        {
            Description = "Retrieval: keep only the --oos rows whose label column has this value, such as oos.",
        };
        var verbose = CommonOptions.Verbose();

        var command = new Command("evaluate", "Score a trained model on labelled data or held-out questions.")
        {
            model, data, output, task, textColumn, labelColumn, format, batchSize, device, knowledgeBase, groupColumn,
            outOfScope, outOfScopeColumn, outOfScopeLabel, verbose,
        };

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            using var loggers = context.CreateLoggerFactory(parse.GetValue(verbose));
            if (SentenceEmbeddingFolder.IsRetrievalFolder(parse.GetValue(model)!))
            {
                new RetrievalEvaluateJob(loggers).Run(new RetrievalEvaluateRequest
                {
                    ModelFolder = parse.GetValue(model)!,
                    DataPath = parse.GetValue(data)!,
                    KnowledgeBasePath = parse.GetValue(knowledgeBase),
                    GroupColumn = parse.GetValue(groupColumn),
                    OutOfScopePath = parse.GetValue(outOfScope),
                    OutOfScopeTextColumn = parse.GetValue(outOfScopeColumn)!,
                    OutOfScopeLabel = parse.GetValue(outOfScopeLabel),
                    OutputFolder = parse.GetValue(output),
                });
                return SuperTuneCommand.Success;
            }

            var request = new EvaluateRequest
            {
                ModelFolder = parse.GetValue(model)!,
                DataPath = parse.GetValue(data)!,
                OutputFolder = parse.GetValue(output),
                BatchSize = parse.GetValue(batchSize),
                Device = parse.GetValue(device)!,
                Data = new DataReadOptions
                {
                    TextColumn = parse.GetValue(textColumn)!,
                    LabelColumn = parse.GetValue(labelColumn)!,
                    Format = parse.GetValue(format),
                },
            };
            if (TokenClassifierFolder.IsTokenClassifier(request.ModelFolder))
            {
                new EntityEvaluateJob(loggers).Run(request);
            }
            else
            {
                new EvaluateJob(loggers).Run(request);
            }

            return SuperTuneCommand.Success;
        }));
        return command;
    }
}
