using System.CommandLine;
using SuperTune.Core.Data;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Training.Jobs;

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
        var verbose = CommonOptions.Verbose();

        var command = new Command("evaluate", "Score a trained model on labelled data.")
        {
            model, data, output, task, textColumn, labelColumn, format, batchSize, device, verbose,
        };

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            using var loggers = context.CreateLoggerFactory(parse.GetValue(verbose));
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
