using SuperTune.Core.Models;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;

namespace SuperTune.Export.Tests;

/// <summary>
/// Saves a random tiny classifier (hidden 32, 2 layers, 4 heads) with a small vocabulary as a model folder.
/// </summary>
public static class TinyClassifierFolder
{
    public static readonly string[] Words =
    [
        "card", "arrived", "not", "yet", "where", "is", "my", "refund", "money", "back", "please", "want",
        "password", "reset", "forgot", "login", "help", "the", "a", "still", "hasn", "'", "t", "?", "!",
    ];

    public static readonly string[] Texts =
    [
        "where is my card ?",
        "refund please",
        "i forgot my password , please help me reset the login",
        "money back !",
        "my card still hasn ' t arrived , where is it ?",
    ];

    /// <summary>Writes the folder and returns the configuration it was saved with.</summary>
    public static BertConfig Create(string folder, string pooling, string hiddenAct = "gelu", int seed = 7)
    {
        var tokenizer = TinyModelParts.Tokenizer(Words, out var vocabularySize);

        var config = new BertConfig
        {
            VocabSize = vocabularySize, HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 4,
            IntermediateSize = 37, MaxPositionEmbeddings = 64, HiddenAct = hiddenAct,
            SuperTune = new SuperTuneModelSettings { Pooling = pooling, MaxLength = 48, BaseModel = "tiny-test" },
        }.WithLabels(["billing", "card_arrival", "password_reset"]);

        using var model = new BertForSequenceClassification(config, pooling);
        TinyModelParts.AddNoise(model, seed);

        Directory.CreateDirectory(folder);
        SequenceClassifierFolder.Save(model, tokenizer, folder);
        return config;
    }
}
