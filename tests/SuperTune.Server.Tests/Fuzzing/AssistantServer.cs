using SuperTune.Core.Retrieval;
using SuperTune.Export;
using SuperTune.Export.Tests;
using SuperTune.Inference.Tests.Fixtures;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests.Fuzzing;

/// <summary>
/// One server with a knowledge base, a router, a conversation log and an entity tagger, so that
/// <c>/v1/answer</c>, <c>/v1/chat</c> and <c>/v1/entities</c> are mapped beside <c>/v1/classify</c> and
/// <c>/v1/redact</c>, which then runs the tagger too.
/// </summary>
public sealed class AssistantServer : IAsyncLifetime
{
    private readonly TemporaryFolder _temporary = new();

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string intents = _temporary.Combine("intents");
        ModelFolders.Intents.WriteTo(intents);
        string answers = _temporary.Combine("faq");
        TinyRetrievalFolder.Create(answers, new AnswerThresholds { Answer = 0.999, Clarify = -1 });
        string tagger = _temporary.Combine("slots");
        TinyTaggerFolder.Create(tagger);
        OnnxExporter.Export(tagger);
        Server = await RunningServer.StartAsync(intents, options => options with
        {
            EntityModelFolder = tagger,
            AnswerModelFolder = answers,
            ConversationLogPath = _temporary.Combine("conversations.db"),
            RouterModelFolder = intents,
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _temporary.Dispose();
    }
}
