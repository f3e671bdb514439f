using SuperTune.Core.Models;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Weights;
using static TorchSharp.torch;

namespace SuperTune.Training.Tests;

/// <summary>
/// Writes a random tiny BERT as a Hugging Face folder (config.json, model.safetensors with <c>bert.</c>-prefixed
/// keys, vocab.txt), the form users who downloaded a checkpoint pass to <c>--base</c>.
/// </summary>
public static class TinyBaseFolder
{
    public static readonly string[] Words =
    [
        "card", "arrived", "not", "yet", "where", "is", "my", "refund", "money", "back", "please", "want",
        "password", "reset", "forgot", "login", "help", "the", "a", "still", "hasn", "'", "t", "?", "!",
    ];

    public static string Create(string folder)
    {
        Directory.CreateDirectory(folder);
        var vocabulary = new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Concat(Words).ToArray();
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), vocabulary);

        var config = new BertConfig
        {
            VocabSize = vocabulary.Length, HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 4,
            IntermediateSize = 37, MaxPositionEmbeddings = 64, Architectures = ["BertModel"],
        };
        config.Save(Path.Combine(folder, "config.json"));

        manual_seed(11);
        using var model = new BertModel(config);
        var weights = model.state_dict().ToDictionary(p => "bert." + p.Key, p => p.Value);
        SafetensorsFile.Write(Path.Combine(folder, "model.safetensors"), weights);
        return folder;
    }
}
