using System.CommandLine;
using System.Text.Json;
using SuperTune.Core;
using SuperTune.Core.Data;
using SuperTune.Core.Predictions;
using SuperTune.Inference;
using SuperTune.Training.Jobs;

namespace SuperTune.Cli.Commands;

/// <summary>
/// <c>supertune predict</c>: label texts given on the command line or in a file, or find their entities with a
/// tagger, on ONNX Runtime when the model folder contains model.onnx and on TorchSharp otherwise.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model")
        {
            Description = "Model folder written by `supertune train` (a classifier or an entity tagger); its " +
                          "model.onnx from `supertune export` is used when present.",
            Required = true,
        };
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
        var threshold = new Option<float>("--threshold")
        {
            Description = "Minimum probability of the best label, from 0 to 1; a text below it is marked as a " +
                          "fallback. Default 0, which never falls back.",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per text instead of a table." };
        var textColumn = CommonOptions.TextColumn();
        var format = CommonOptions.Format();
        var device = CommonOptions.Device();
        var verbose = CommonOptions.Verbose();

        var command = new Command("predict", "Label texts with a trained model.")
        {
            model, text, input, topK, threshold, json, textColumn, format, device, verbose,
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
            var minimumScore = parse.GetValue(threshold);
            if (!(minimumScore >= 0 && minimumScore <= 1))
            {
                throw new SuperTuneException($"--threshold must be from 0 to 1, got {minimumScore}.",
                    "Give the minimum probability of the best label, for example --threshold 0.5.");
            }

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

            if (TaggerLoader.IsTagger(parse.GetValue(model)!))
            {
                using var tagger = TaggerLoader.Load(context, parse.GetValue(model)!, parse.GetValue(device)!);
                foreach (var result in tagger.Predict(examples.Select(e => e.Text).ToList()))
                {
                    context.Output.WriteLine(FormatEntities(result, parse.GetValue(json)));
                }

                return SuperTuneCommand.Success;
            }

            var classifyOptions = new ClassifyOptions { TopK = parse.GetValue(topK), Threshold = minimumScore };
            var results = Predict(context, parse.GetValue(model)!, parse.GetValue(device)!,
                examples.Select(e => e.Text).ToList(), classifyOptions);
            foreach (var result in results) context.Output.WriteLine(Format(result, parse.GetValue(json)));
            return SuperTuneCommand.Success;
        }));
        return command;
    }

    /// <summary>
    /// Classifies the texts with ONNX Runtime when the folder has model.onnx, else with TorchSharp after a warning
    /// that suggests exporting.
    /// </summary>
    private static IReadOnlyList<ClassificationResult> Predict(CliContext context, string folder, string device,
        IReadOnlyList<string> texts, ClassifyOptions options)
    {
        if (File.Exists(Path.Combine(folder, OnnxClassifier.ModelFileName)))
        {
            using var classifier = OnnxClassifier.Load(folder);
            return classifier.Classify(texts, options);
        }

        // A missing folder gets the loader's error alone, without the advice to export it first.
        if (Directory.Exists(folder)) TaggerLoader.WarnTorchSharp(context, folder, "prediction");
        using var predictor = ClassifierPredictor.Load(folder, device);
        return predictor.Predict(texts, options.TopK).Select(p => new ClassificationResult
        {
            Text = p.Text,
            Label = p.Label,
            Score = p.Score,
            TopLabels = p.TopLabels,
            Fallback = p.Score < options.Threshold,
            Truncated = p.Truncated,
            OutOfScope = p.OutOfScope,
            OutOfScopeReason = p.OutOfScopeReason,
        }).ToList();
    }

    private static string Format(ClassificationResult prediction, bool json)
    {
        if (json) return JsonSerializer.Serialize(prediction, PredictionJson.Options);
        var alternatives = string.Join(", ", prediction.TopLabels.Skip(1).Select(l => $"{l.Label} {l.Score:F3}"));
        var marks = (prediction.OutOfScope ? $" [out of scope: {prediction.OutOfScopeReason}]" : "") +
                    (prediction.Fallback ? " [fallback]" : "") + (prediction.Truncated ? " [truncated]" : "");
        return $"{prediction.Label}\t{prediction.Score:F3}{marks}\t{ForTable(prediction.Text!)}" +
               (alternatives.Length > 0 ? $"\t(next: {alternatives})" : "");
    }

    private static string FormatEntities(EntityResult result, bool json)
    {
        if (json) return JsonSerializer.Serialize(result, PredictionJson.Options);
        var entities = result.Entities.Select(e =>
            $"{e.Label} \"{ForTable(e.Text)}\" [{e.CodePointStart}, {e.CodePointEnd}) {e.Score:F3}");
        var marks = result.Truncated ? " [truncated]" : "";
        return $"{ForTable(result.Text!)}{marks}\t{(result.Entities.Count == 0 ? "(no entities)" : string.Join("; ", entities))}";
    }

    /// <summary>Shortens a text to 80 characters and replaces control characters, so one row stays one line.</summary>
    private static string ForTable(string text)
    {
        var visible = new string(text.Select(c => char.IsControl(c) || c is '\u202E' or '\u202D' ? ' ' : c).ToArray());
        return visible.Length <= 80 ? visible : visible[..79] + "…";
    }
}
