using SuperTune.Core.Conversations;
using SuperTune.Inference;
using SuperTune.Inference.Assistant;
using SuperTune.Inference.Retrieval;

namespace SuperTune.Server.Chat;

/// <summary>The support assistant behind <c>POST /v1/chat</c> with the models and the log it owns.</summary>
internal sealed class ChatResources : IDisposable
{
    private readonly OnnxClassifier? router;
    private readonly SentimentCheck? sentiment;
    private readonly ConversationLog log;

    private ChatResources(SupportAssistant assistant, OnnxClassifier? router, SentimentCheck? sentiment,
        ConversationLog log)
    {
        Assistant = assistant;
        this.router = router;
        this.sentiment = sentiment;
        this.log = log;
    }

    public SupportAssistant Assistant { get; }

    /// <summary>Loads the optional router and sentiment models and opens the conversation log.</summary>
    /// <exception cref="Core.SuperTuneException">A model failed to load or the log failed to open.</exception>
    public static ChatResources Open(ServerOptions options, KnowledgeBaseAnswerer answerer)
    {
        OnnxClassifier? router = null;
        SentimentCheck? sentiment = null;
        try
        {
            router = options.RouterModelFolder is null
                ? null
                : OnnxClassifier.Load(options.RouterModelFolder, options.Classifier);
            sentiment = options.SentimentModelFolder is null
                ? null
                : SentimentCheck.Load(options.SentimentModelFolder, options.SentimentLabel, options.SentimentThreshold);
            var log = ConversationLog.Open(options.ConversationLogPath);
            return new ChatResources(new SupportAssistant(answerer.Answer, router, sentiment, log), router, sentiment,
                log);
        }
        catch
        {
            router?.Dispose();
            sentiment?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        router?.Dispose();
        sentiment?.Dispose();
        log.Dispose();
    }
}
