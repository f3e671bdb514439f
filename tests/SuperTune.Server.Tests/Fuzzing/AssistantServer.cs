using SuperTune.Core.Retrieval;
using SuperTune.Export.Tests;
using SuperTune.Inference.Tests.Fixtures;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests.Fuzzing;

/// <summary>
/// One server with a knowledge base, a router and a conversation log, so that <c>/v1/answer</c> and
/// <c>/v1/chat</c> are mapped beside <c>/v1/classify</c> and <c>/v1/redact</c>.
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
        Server = await RunningServer.StartAsync(intents, options => options with
        {
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
