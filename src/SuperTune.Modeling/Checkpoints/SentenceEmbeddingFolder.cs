using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Weights;

namespace SuperTune.Modeling.Checkpoints;

/// <summary>
/// Saves and loads a fine-tuned sentence encoder as a Hugging Face BertModel folder: config.json (task
/// "retrieval" under <c>supertune</c>), model.safetensors with the encoder's keys, vocab.txt and
/// tokenizer_config.json. transformers' AutoModel loads the same folder.
/// </summary>
public static class SentenceEmbeddingFolder
{
    /// <summary>The value of <c>supertune.task</c> in config.json.</summary>
    public const string Task = "retrieval";

    /// <summary>Writes the encoder, its configuration and its tokenizer into <paramref name="folder"/>.</summary>
    public static void Save(BertForSentenceEmbedding model, BertConfig config, BertWordPieceTokenizer tokenizer,
        string folder)
    {
        (config with { Architectures = ["BertModel"] }).Save(Path.Combine(folder, SequenceClassifierFolder.ConfigFile));
        var weights = model.Bert.state_dict().ToDictionary(p => p.Key, p => p.Value);
        SafetensorsFile.Write(Path.Combine(folder, SequenceClassifierFolder.WeightsFile), weights);
        tokenizer.SaveTo(folder);
    }

    /// <summary>Whether <paramref name="folder"/> holds a model that <see cref="Load"/> reads.</summary>
    public static bool IsRetrievalFolder(string folder)
    {
        var path = Path.Combine(folder, SequenceClassifierFolder.ConfigFile);
        return File.Exists(path) && BertConfig.Load(path).SuperTune?.Task == Task;
    }

    /// <summary>Loads a folder written by <see cref="Save"/>; errors name the folder and the file at fault.</summary>
    public static (BertForSentenceEmbedding Model, BertWordPieceTokenizer Tokenizer) Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SuperTuneException($"Model folder not found: {folder}.",
                "Pass the --out folder of a finished `supertune train --task retrieval` run.");
        }

        var configPath = Path.Combine(folder, SequenceClassifierFolder.ConfigFile);
        var config = BertConfig.Load(configPath);
        if (config.SuperTune?.Task != Task)
        {
            throw new SuperTuneException($"{configPath}: supertune.task is not \"{Task}\", so this is not a retrieval model.",
                "Train one with `supertune train --task retrieval`.");
        }

        var model = new BertForSentenceEmbedding(config);
        var weightsPath = Path.Combine(folder, SequenceClassifierFolder.WeightsFile);
        var weights = StateDictLoader.NormalizeEncoderKeys(SafetensorsFile.Read(weightsPath));
        try
        {
            StateDictLoader.Load(model.Bert, weights, weightsPath);
        }
        finally
        {
            foreach (var value in weights.Values) value.Dispose();
        }

        model.eval();
        var tokenizer = BertWordPieceTokenizer.FromFolder(folder);
        VocabularyCheck.Require(tokenizer, config, folder);
        return (model, tokenizer);
    }
}
