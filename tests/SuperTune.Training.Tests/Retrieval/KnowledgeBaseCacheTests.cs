using SuperTune.Core.Retrieval;

namespace SuperTune.Training.Tests.Retrieval;

public class KnowledgeBaseCacheTests
{
    private const string Header = "id,question,answer";

    [Fact]
    public void UnchangedFileReusesEveryVector()
    {
        using var folder = new TemporaryDirectory();
        var (model, tokenizer) = TinyRetrievalModel.Create(Path.Combine(folder.Path, "model"), seed: 1);
        using var disposeModel = model;
        var embedder = new CountingEmbedder(TinyRetrievalModel.Embedder(model, tokenizer, "model-a"));
        var kbPath = WriteKnowledgeBase(folder.Path, "where is my card", "forgot password", "refund please");

        var (_, first) = KnowledgeBaseIndex.Build(KnowledgeBaseReader.Read(kbPath), embedder, "question", folder.Path);
        var (index, second) = KnowledgeBaseIndex.Build(KnowledgeBaseReader.Read(kbPath), embedder, "question", folder.Path);

        Assert.Equal(3, first.Embedded);
        Assert.True(first.CacheWritten);
        Assert.Equal(0, second.Embedded);
        Assert.Equal(3, second.Reused);
        Assert.False(second.CacheWritten);
        Assert.Equal(3, embedder.TextsEmbedded);
        Assert.Equal("e1", index.Search("where is my card", 1)[0].Entry.Id);
    }

    [Fact]
    public void EditedFileEmbedsOnlyChangedEntries()
    {
        using var folder = new TemporaryDirectory();
        var (model, tokenizer) = TinyRetrievalModel.Create(Path.Combine(folder.Path, "model"), seed: 1);
        using var disposeModel = model;
        var embedder = new CountingEmbedder(TinyRetrievalModel.Embedder(model, tokenizer, "model-a"));
        var kbPath = WriteKnowledgeBase(folder.Path, "where is my card", "forgot password", "refund please");
        KnowledgeBaseIndex.Build(KnowledgeBaseReader.Read(kbPath), embedder, "question", folder.Path);

        WriteKnowledgeBase(folder.Path, "where is my card", "reset my password", "refund please");
        var (_, stats) = KnowledgeBaseIndex.Build(KnowledgeBaseReader.Read(kbPath), embedder, "question", folder.Path);

        Assert.Equal(1, stats.Embedded);
        Assert.Equal(2, stats.Reused);
        Assert.True(stats.CacheWritten);
    }

    [Fact]
    public void ChangedModelDiscardsCache()
    {
        using var folder = new TemporaryDirectory();
        var (model, tokenizer) = TinyRetrievalModel.Create(Path.Combine(folder.Path, "model"), seed: 1);
        using var disposeModel = model;
        var kbPath = WriteKnowledgeBase(folder.Path, "where is my card", "forgot password");
        var knowledgeBase = KnowledgeBaseReader.Read(kbPath);
        KnowledgeBaseIndex.Build(knowledgeBase, TinyRetrievalModel.Embedder(model, tokenizer, "model-a"), "question",
            folder.Path);

        var retrained = new CountingEmbedder(TinyRetrievalModel.Embedder(model, tokenizer, "model-b"));
        var (_, stats) = KnowledgeBaseIndex.Build(knowledgeBase, retrained, "question", folder.Path);

        Assert.Equal(2, stats.Embedded);
        Assert.Equal(0, stats.Reused);
        Assert.Equal(2, retrained.TextsEmbedded);
    }

    [Fact]
    public void AddAndRemoveLeaveOtherEntries()
    {
        using var folder = new TemporaryDirectory();
        var (model, tokenizer) = TinyRetrievalModel.Create(Path.Combine(folder.Path, "model"), seed: 1);
        using var disposeModel = model;
        var embedder = new CountingEmbedder(TinyRetrievalModel.Embedder(model, tokenizer, "model-a"));
        var kbPath = WriteKnowledgeBase(folder.Path, "where is my card", "forgot password");
        var (index, _) = KnowledgeBaseIndex.Build(KnowledgeBaseReader.Read(kbPath), embedder, "question", null);

        index.Add(new KnowledgeBaseEntry("new", "refund please", "answer to refund", null, 0));
        Assert.True(index.Remove("e1"));

        Assert.Equal(3, embedder.TextsEmbedded);
        Assert.Equal(["e2", "new"], index.Entries.Select(e => e.Id).Order());
        Assert.Equal("new", index.Search("refund please", 1)[0].Entry.Id);
    }

    private static string WriteKnowledgeBase(string folder, params string[] questions)
    {
        var path = Path.Combine(folder, "faq.csv");
        File.WriteAllLines(path, [Header, .. questions.Select((q, i) => $"e{i + 1},{q},answer to {q}")]);
        return path;
    }

    /// <summary>Counts the texts passed to the real embedder it wraps.</summary>
    private sealed class CountingEmbedder(ISentenceEmbedder inner) : ISentenceEmbedder
    {
        public int TextsEmbedded { get; private set; }

        public int Dimension => inner.Dimension;

        public string Fingerprint => inner.Fingerprint;

        public float[][] Embed(IReadOnlyList<string> texts)
        {
            TextsEmbedded += texts.Count;
            return inner.Embed(texts);
        }
    }
}
