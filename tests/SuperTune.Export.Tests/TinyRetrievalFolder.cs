using SuperTune.Core.Models;
using SuperTune.Core.Retrieval;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;

namespace SuperTune.Export.Tests;

/// <summary>
/// Saves a random tiny sentence encoder as a retrieval model folder with a four-entry knowledge base beside it,
/// and exports it to model.onnx.
/// </summary>
public static class TinyRetrievalFolder
{
    public static readonly string[] Words =
    [
        "card", "arrived", "not", "yet", "where", "is", "my", "refund", "money", "back", "please", "want",
        "password", "reset", "forgot", "login", "help", "the", "a", "still", "hasn", "'", "t", "?", "!",
    ];

    /// <summary>Knowledge-base rows: id, question, answer.</summary>
    public static readonly (string Id, string Question, string Answer)[] Entries =
    [
        ("card", "where is my card ?", "Cards arrive within five working days."),
        ("refund", "i want my money back", "Refunds reach your account within a week."),
        ("password", "i forgot my password", "Use the reset link on the login page."),
        ("login", "help with login please", "Check that caps lock is off and try again."),
    ];

    /// <summary>Writes model files, faq.csv and model.onnx into <paramref name="folder"/>; returns the faq.csv path.</summary>
    public static string Create(string folder, AnswerThresholds thresholds, int seed = 7)
    {
        var tokenizer = TinyModelParts.Tokenizer(Words, out var vocabularySize);
        var config = new BertConfig
        {
            VocabSize = vocabularySize, HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 4,
            IntermediateSize = 37, MaxPositionEmbeddings = 64,
            SuperTune = new SuperTuneModelSettings
            {
                Task = SentenceEmbeddingFolder.Task, MaxLength = 48, BaseModel = "tiny-test",
                Retrieval = new RetrievalSettings { Match = MatchField.Question, Thresholds = thresholds },
            },
        };

        using var model = new BertForSentenceEmbedding(config);
        TinyModelParts.AddNoise(model, seed);

        Directory.CreateDirectory(folder);
        SentenceEmbeddingFolder.Save(model, config, tokenizer, folder);
        var knowledgeBase = Path.Combine(folder, "faq.csv");
        File.WriteAllLines(knowledgeBase, ["id,question,answer", .. Entries.Select(e => $"{e.Id},{e.Question},{e.Answer}")]);
        new RetrievalOptions { KnowledgeBase = knowledgeBase }.Save(Path.Combine(folder, RetrievalOptions.FileName));
        OnnxExporter.Export(folder);
        return knowledgeBase;
    }
}
