using SuperTune.Core.Models;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using static TorchSharp.torch;

namespace SuperTune.Export.Tests;

/// <summary>
/// Saves a random tiny entity tagger (hidden 32, 2 layers, 4 heads, BIO tags over city and person) with a small
/// vocabulary as a model folder, as <c>supertune train --task entities</c> lays it out.
/// </summary>
public static class TinyTaggerFolder
{
    public static readonly string[] Tags = ["O", "B-city", "I-city", "B-person", "I-person"];

    public static readonly string[] Words =
    [
        "fly", "to", "from", "new", "york", "lisbon", "rome", "with", "anna", "maria", "jose", "book", "a", "table",
        "for", "tomorrow", "and", "zoe", "family", "##s", "##on", ",", ".", "!", "?",
    ];

    /// <summary>
    /// Texts whose UTF-16 and code point offsets differ, or whose word boundaries are hard to find. They contain
    /// emoji (outside the Basic Multilingual Plane, a joined family, a flag), CJK ideographs, a combining accent
    /// beside a precomposed one, and runs of spaces, tabs and a line break.
    /// </summary>
    public static readonly string[] HardTexts =
    [
        "fly to Lisbon 😀 with Anna",
        "東京から New York へ fly",
        "Jose\u0301 and Zoë fly to Montréal",
        "book   a table\t\tfor  Maria \n tomorrow",
        "👩‍👩‍👧 family to Rome 🇵🇹 !",
        "😀😀 Anna😀Maria , new york",
    ];

    /// <summary>Writes the folder and returns the configuration it was saved with.</summary>
    /// <param name="favoredTag">A tag whose logit gets +20 at every token, so every word takes it; null for none.</param>
    /// <param name="withSettings">Whether config.json has the <c>supertune</c> section that training writes.</param>
    public static BertConfig Create(string folder, int seed = 7, string? favoredTag = null, int maxLength = 48,
        bool withSettings = true)
    {
        var tokenizer = TinyModelParts.Tokenizer(Words, out var vocabularySize);

        var config = new BertConfig
        {
            VocabSize = vocabularySize, HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 4,
            IntermediateSize = 37, MaxPositionEmbeddings = 64,
            SuperTune = withSettings
                ? new SuperTuneModelSettings
                {
                    Task = "entities", Pooling = PoolingNames.Cls, MaxLength = maxLength, BaseModel = "tiny-test",
                }
                : null,
        }.WithTokenLabels(Tags);

        using var model = new BertForTokenClassification(config);
        TinyModelParts.AddNoise(model, seed);
        if (favoredTag is not null)
        {
            using var noGrad = no_grad();
            var bias = model.named_parameters().Single(parameter => parameter.name == "classifier.bias").parameter;
            using var favored = bias[Array.IndexOf(Tags, favoredTag)];
            favored.add_(20);
        }

        Directory.CreateDirectory(folder);
        TokenClassifierFolder.Save(model, tokenizer, folder);
        return config;
    }
}
