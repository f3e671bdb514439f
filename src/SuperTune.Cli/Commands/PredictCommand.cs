using System.CommandLine;
using System.Text.Json;
using SuperTune.Core;
using SuperTune.Core.Data;
using SuperTune.Core.Predictions;
using SuperTune.Training.Jobs;

namespace SuperTune.Cli.Commands;

/// <summary><c>supertune predict</c>: label texts given on the command line or in a file.</summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "Model folder written by `supertune train`.", Required = true };
        var text = new Option<string[]>("--text")
        {
            Description = "A text to label; repeat the option for several texts.",
            AllowMultipleArgumentsPerToken = false,
        };
        var input = new Option<string?>("--input")
        {
            Description = "A CSV, TSV or JSONL file of texts to label (labels, if present, are ignored).",
        };
        var topK = new Option<int>("--top-k")
        {
            Description = "Number of labels to show per text, best first. Default 3.",
            DefaultValueFactory = _ => 3,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per text instead of a table." };
        var textColumn = CommonOptions.TextColumn();
        var format = CommonOptions.Format();
        var device = CommonOptions.Device();
        var verbose = CommonOptions.Verbose();

        var command = new Command("predict", "Label texts with a trained model.")
        {
            model, text, input, topK, json, textColumn, format, device, verbose,
        };

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            var texts = parse.GetValue(text) ?? [];
            var inputPath = parse.GetValue(input);
            if (texts.Length == 0 && inputPath is null)
            {
                throw new SuperTuneException("Nothing to predict: give --text \"...\" (repeatable) or --input FILE.");
            }

            if (parse.GetValue(topK) < 1) throw new SuperTuneException($"--top-k must be at least 1, got {parse.GetValue(topK)}.");

            var empty = Array.FindIndex(texts, string.IsNullOrWhiteSpace);
            if (empty >= 0) throw new SuperTuneException($"--text number {empty + 1} is empty; give a message to label.");

            var examples = texts.Select((t, i) => new TextExample(t, null, i + 1)).ToList();
            if (inputPath is not null)
            {
                var options = new DataReadOptions
                {
                    TextColumn = parse.GetValue(textColumn)!,
                    Format = parse.GetValue(format),
                    RequireLabels = false,
                };
                examples.AddRange(DatasetReader.Read(inputPath, options).Examples);
            }

            using var predictor = ClassifierPredictor.Load(parse.GetValue(model)!, parse.GetValue(device)!);
            var results = predictor.Predict(examples.Select(e => e.Text).ToList(), parse.GetValue(topK));
            foreach (var result in results) context.Output.WriteLine(Format(result, parse.GetValue(json)));
            return SuperTuneCommand.Success;
        }));
        return command;
    }

    private static string Format(LabelPrediction prediction, bool json)
    {
        if (json) return JsonSerializer.Serialize(prediction, PredictionJson.Options);
        var alternatives = string.Join(", ", prediction.TopLabels.Skip(1).Select(l => $"{l.Label} {l.Score:F3}"));
        var truncated = prediction.Truncated ? " [truncated]" : "";
        return $"{prediction.Label}\t{prediction.Score:F3}{truncated}\t{ForTable(prediction.Text)}" +
               (alternatives.Length > 0 ? $"\t(next: {alternatives})" : "");
    }

    /// <summary>Shortens a text to 80 characters and replaces control characters, so one row stays one line.</summary>
    private static string ForTable(string text)
    {
        var visible = new string(text.Select(c => char.IsControl(c) || c is '\u202E' or '\u202D' ? ' ' : c).ToArray());
        return visible.Length <= 80 ? visible : visible[..79] + "…";
    }
}
