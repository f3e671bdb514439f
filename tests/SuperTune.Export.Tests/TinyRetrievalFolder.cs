using SuperTune.Core.Models;
using SuperTune.Core.Retrieval;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using static TorchSharp.torch;

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
        var vocabulary = new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Concat(Words).ToArray();
        using var vocabularyStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            string.Join("\n", vocabulary) + "\n"));
        var tokenizer = BertWordPieceTokenizer.FromVocabulary(vocabularyStream, new TokenizerSettings());
        var config = new BertConfig
        {
            VocabSize = vocabulary.Length, HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 4,
            IntermediateSize = 37, MaxPositionEmbeddings = 64,
            SuperTune = new SuperTuneModelSettings
            {
                Task = SentenceEmbeddingFolder.Task, MaxLength = 48, BaseModel = "tiny-test",
                Retrieval = new RetrievalSettings { Match = MatchField.Question, Thresholds = thresholds },
            },
        };

        // Noise on every parameter, LayerNorm included, so that no weight keeps its neutral initial value.
        manual_seed(seed);
        using var model = new BertForSentenceEmbedding(config);
        using (no_grad())
        {
            foreach (var (_, parameter) in model.named_parameters())
            {
                using var noise = randn_like(parameter) * 0.1;
                parameter.add_(noise);
            }
        }

        Directory.CreateDirectory(folder);
        SentenceEmbeddingFolder.Save(model, config, tokenizer, folder);
        var knowledgeBase = Path.Combine(folder, "faq.csv");
        File.WriteAllLines(knowledgeBase, ["id,question,answer", .. Entries.Select(e => $"{e.Id},{e.Question},{e.Answer}")]);
        new RetrievalOptions { KnowledgeBase = knowledgeBase }.Save(Path.Combine(folder, RetrievalOptions.FileName));
        OnnxExporter.Export(folder);
        return knowledgeBase;
    }
}
