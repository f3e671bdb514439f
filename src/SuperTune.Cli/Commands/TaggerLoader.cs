using SuperTune.Core.Entities;
using SuperTune.Inference;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Training.Entities;

namespace SuperTune.Cli.Commands;

/// <summary>
/// Loads an entity tagger for `predict` and `redact --model`: on ONNX Runtime when the folder has model.onnx, as
/// for classifiers, and on TorchSharp otherwise, after a warning that suggests exporting.
/// </summary>
internal static class TaggerLoader
{
    /// <summary>
    /// Returns whether <paramref name="folder"/> contains an entity tagger: by config.json when present, else by the
    /// task in the metadata of model.onnx, so an exported folder without training files is recognized too.
    /// </summary>
    public static bool IsTagger(string folder)
    {
        if (File.Exists(Path.Combine(folder, SequenceClassifierFolder.ConfigFile)))
        {
            return TokenClassifierFolder.IsTokenClassifier(folder);
        }

        return File.Exists(Path.Combine(folder, OnnxClassifier.ModelFileName))
            && OnnxModelTasks.Read(folder) == OnnxModelTasks.Entities;
    }

    /// <summary>Loads the tagger in <paramref name="folder"/>; <paramref name="device"/> applies to TorchSharp only.</summary>
    /// <exception cref="Core.SuperTuneException">The folder is not an entity tagger or a file is missing or invalid.</exception>
    public static IEntityTagger Load(CliContext context, string folder, string device)
    {
        bool configured = File.Exists(Path.Combine(folder, SequenceClassifierFolder.ConfigFile));
        bool exported = File.Exists(Path.Combine(folder, OnnxClassifier.ModelFileName));

        // A classifier folder gets the TorchSharp loader's error, which names config.json and how to train a tagger.
        if (exported && !(configured && !TokenClassifierFolder.IsTokenClassifier(folder)))
        {
            return OnnxEntityTagger.Load(folder);
        }

        if (!exported && Directory.Exists(folder))
        {
            WarnTorchSharp(context, folder, "the tagger");
        }

        return EntityPredictor.Load(folder, device);
    }

    /// <summary>Prints the warning that a folder without model.onnx runs on the slower TorchSharp path.</summary>
    /// <param name="workload">The work that runs on TorchSharp, such as "prediction".</param>
    public static void WarnTorchSharp(CliContext context, string folder, string workload) =>
        context.Error.WriteLine($"warning: {folder} has no {OnnxClassifier.ModelFileName}, so {workload} runs on " +
                                $"TorchSharp; run `supertune export --model {folder}` for faster prediction.");
}
