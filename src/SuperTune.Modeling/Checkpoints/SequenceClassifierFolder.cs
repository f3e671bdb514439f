using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Weights;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Checkpoints;

/// <summary>
/// Saves and loads a fine-tuned classifier as a Hugging Face-style folder: config.json, model.safetensors,
/// vocab.txt and tokenizer_config.json.
/// </summary>
public static class SequenceClassifierFolder
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";

    /// <summary>
    /// Writes the model and tokenizer files into <paramref name="folder"/>, with <paramref name="config"/> in place
    /// of the model's own configuration when given (for settings fitted after training, such as the temperature).
    /// </summary>
    public static void Save(BertForSequenceClassification model, BertWordPieceTokenizer tokenizer, string folder,
        BertConfig? config = null)
    {
        (config ?? model.Config).Save(Path.Combine(folder, ConfigFile));
        var weights = model.state_dict().ToDictionary(p => p.Key, p => p.Value);
        SafetensorsFile.Write(Path.Combine(folder, WeightsFile), weights);
        tokenizer.SaveTo(folder);
    }

    /// <summary>Loads a folder written by <see cref="Save"/>; errors name the folder and the file at fault.</summary>
    public static (BertForSequenceClassification Model, BertWordPieceTokenizer Tokenizer) Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SuperTuneException($"Model folder not found: {folder}.",
                "Pass the --out folder of a finished `supertune train` run.");
        }

        var configPath = Path.Combine(folder, ConfigFile);
        var config = BertConfig.Load(configPath);
        if (config.NumLabels == 0)
        {
            throw new SuperTuneException($"{configPath}: no id2label entries, so this is not a classifier.",
                "Fine-tune one with `supertune train` first.");
        }

        if (config.IsTokenClassifier)
        {
            throw new SuperTuneException($"{configPath}: this folder is an entity tagger ({BertConfig.TokenClassificationArchitecture}), "
                + "not a text classifier.", "Use it with `supertune predict`, `evaluate`, `export`, `redact --model` or "
                + "`serve --entity-model`.");
        }

        var pooling = config.SuperTune?.Pooling ?? PoolingNames.Cls;
        var model = new BertForSequenceClassification(config, pooling);
        LoadWeights(model, Path.Combine(folder, WeightsFile));
        model.eval();
        var tokenizer = BertWordPieceTokenizer.FromFolder(folder);
        VocabularyCheck.Require(tokenizer, config, folder);
        return (model, tokenizer);
    }

    /// <summary>Copies the tensors of a model.safetensors file into <paramref name="model"/>, checking every key.</summary>
    internal static void LoadWeights(nn.Module model, string weightsPath)
    {
        var weights = SafetensorsFile.Read(weightsPath);
        try
        {
            StateDictLoader.Load(model, weights, weightsPath);
        }
        finally
        {
            foreach (var value in weights.Values) value.Dispose();
        }
    }
}
