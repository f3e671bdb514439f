using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Weights;

namespace SuperTune.Modeling.Checkpoints;

/// <summary>
/// Saves and loads a fine-tuned entity tagger in the same folder layout as a classifier: config.json (with the
/// BIO tags in id2label), model.safetensors, vocab.txt and tokenizer_config.json.
/// </summary>
public static class TokenClassifierFolder
{
    /// <summary>Writes the model and tokenizer files into <paramref name="folder"/>.</summary>
    public static void Save(BertForTokenClassification model, BertWordPieceTokenizer tokenizer, string folder)
    {
        model.Config.Save(Path.Combine(folder, SequenceClassifierFolder.ConfigFile));
        var weights = model.state_dict().ToDictionary(p => p.Key, p => p.Value);
        SafetensorsFile.Write(Path.Combine(folder, SequenceClassifierFolder.WeightsFile), weights);
        tokenizer.SaveTo(folder);
    }

    /// <summary>Returns whether the folder's config.json describes a token classification head.</summary>
    public static bool IsTokenClassifier(string folder)
    {
        var configPath = Path.Combine(folder, SequenceClassifierFolder.ConfigFile);
        return File.Exists(configPath) && BertConfig.Load(configPath).IsTokenClassifier;
    }

    /// <summary>Loads a folder written by <see cref="Save"/>, in eval mode.</summary>
    /// <exception cref="SuperTuneException">The folder, a file or a weight is missing, or the head is another kind.</exception>
    public static (BertForTokenClassification Model, BertWordPieceTokenizer Tokenizer) Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SuperTuneException($"Model folder not found: {folder}.",
                "Pass the --out folder of a finished `supertune train --task entities` run.");
        }

        var configPath = Path.Combine(folder, SequenceClassifierFolder.ConfigFile);
        var config = BertConfig.Load(configPath);
        if (!config.IsTokenClassifier || config.NumLabels == 0)
        {
            throw new SuperTuneException($"{configPath}: architectures is not {BertConfig.TokenClassificationArchitecture} "
                + "with id2label tags, so this is not an entity tagger.",
                "Train one with `supertune train --task entities`.");
        }

        var model = new BertForTokenClassification(config);
        SequenceClassifierFolder.LoadWeights(model, Path.Combine(folder, SequenceClassifierFolder.WeightsFile));
        model.eval();
        var tokenizer = BertWordPieceTokenizer.FromFolder(folder);
        VocabularyCheck.Require(tokenizer, config, folder);
        return (model, tokenizer);
    }
}
