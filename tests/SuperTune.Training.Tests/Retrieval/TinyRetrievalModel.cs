using SuperTune.Core.Models;
using SuperTune.Core.Retrieval;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Training.Retrieval;
using static TorchSharp.torch;

namespace SuperTune.Training.Tests.Retrieval;

/// <summary>A random tiny sentence encoder over <see cref="TinyBaseFolder"/>'s vocabulary, and pairs in its words.</summary>
internal static class TinyRetrievalModel
{
    public static BertConfig Config(int vocabularySize) => new()
    {
        VocabSize = vocabularySize, HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 4, IntermediateSize = 37,
        MaxPositionEmbeddings = 64,
        SuperTune = new SuperTuneModelSettings { Task = "retrieval", MaxLength = 32 },
    };

    public static (BertForSentenceEmbedding Model, BertWordPieceTokenizer Tokenizer) Create(string folder, int seed)
    {
        TinyBaseFolder.Create(folder);
        var tokenizer = BertWordPieceTokenizer.FromFolder(folder);
        manual_seed(seed);
        return (new BertForSentenceEmbedding(Config(tokenizer.VocabularySize)), tokenizer);
    }

    /// <summary>Eight question pairs over four answers, written in the tiny vocabulary.</summary>
    public static List<RetrievalPair> Pairs() =>
    [
        new("where is my card", "card not arrived yet", "card"),
        new("my card still hasn't arrived", "where is the card", "card"),
        new("i want my money back", "refund please", "refund"),
        new("where is my refund", "want money back", "refund"),
        new("forgot password", "reset my password please", "password"),
        new("password reset help", "i forgot the password", "password"),
        new("login not help", "help login", "login"),
        new("help with login please", "login still not", "login"),
    ];

    public static ISentenceEmbedder Embedder(BertForSentenceEmbedding model, BertWordPieceTokenizer tokenizer,
        string fingerprint) => new TorchSentenceEmbedder(model, tokenizer, 32, fingerprint);
}
