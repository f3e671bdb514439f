using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Core.Retrieval;

namespace SuperTune.Inference.Retrieval;

/// <summary>
/// Answers customer messages from a knowledge base with an exported retrieval model: the index is built once
/// (from the cache beside the model when it is current), and each message gets an answer, a clarifying
/// question with the top candidates, or an escalation, at the thresholds saved in config.json.
/// </summary>
public sealed class KnowledgeBaseAnswerer : IDisposable
{
    private readonly OnnxSentenceEmbedder embedder;
    private readonly KnowledgeBaseIndex index;

    private KnowledgeBaseAnswerer(OnnxSentenceEmbedder embedder, KnowledgeBaseIndex index, AnswerThresholds thresholds,
        IndexBuildStats stats, string knowledgeBasePath)
    {
        this.embedder = embedder;
        this.index = index;
        Thresholds = thresholds;
        BuildStats = stats;
        KnowledgeBasePath = knowledgeBasePath;
    }

    public AnswerThresholds Thresholds { get; }

    public IndexBuildStats BuildStats { get; }

    public string KnowledgeBasePath { get; }

    /// <summary>Number of knowledge-base entries.</summary>
    public int Count => index.Count;

    /// <summary>
    /// Loads the exported model in <paramref name="modelFolder"/> and indexes <paramref name="knowledgeBasePath"/>
    /// (default: the file the model was trained on), with the columns the model was trained with unless given.
    /// </summary>
    public static KnowledgeBaseAnswerer Load(string modelFolder, string? knowledgeBasePath = null,
        KnowledgeBaseColumns? columns = null)
    {
        var config = BertConfig.Load(Path.Combine(modelFolder, "config.json"));
        var settings = config.SuperTune?.Retrieval ?? throw new SuperTuneException(
            $"{Path.Combine(modelFolder, "config.json")}: supertune.retrieval is missing, so this is not a retrieval model.",
            "Train one with `supertune train --task retrieval`.");
        var saved = RetrievalOptions.TryLoad(modelFolder) ?? new RetrievalOptions();
        var path = knowledgeBasePath ?? saved.KnowledgeBase ?? throw new SuperTuneException(
            $"{modelFolder}: the model does not name its knowledge base.", "Pass --kb with the question/answer file.");
        var knowledgeBase = KnowledgeBaseReader.Read(path, columns ?? saved.Columns());

        var embedder = OnnxSentenceEmbedder.Load(modelFolder);
        try
        {
            var (index, stats) = KnowledgeBaseIndex.Build(knowledgeBase, embedder, settings.Match, modelFolder);
            return new KnowledgeBaseAnswerer(embedder, index, settings.Thresholds, stats, path);
        }
        catch
        {
            embedder.Dispose();
            throw;
        }
    }

    /// <summary>Decides what to do with <paramref name="message"/>.</summary>
    public AnswerResult Answer(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AnswerDecider.Decide(index.Search(message, AnswerDecider.ClarifyCount), Thresholds);
    }

    public void Dispose() => embedder.Dispose();
}
