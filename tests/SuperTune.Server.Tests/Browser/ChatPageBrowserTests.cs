using SuperTune.Core.Conversations;
using SuperTune.Core.Retrieval;
using SuperTune.Export.Tests;
using SuperTune.Inference.Tests.Fixtures;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests.Browser;

public sealed class ChatPageBrowserTests : IAsyncLifetime
{
    private readonly TemporaryFolder _temporary = new();
    private RunningServer? _server;
    private string _logPath = "";

    public async Task InitializeAsync()
    {
        var classifier = _temporary.Combine("intents");
        ModelFolders.Intents.WriteTo(classifier);
        var answers = _temporary.Combine("faq");
        TinyRetrievalFolder.Create(answers, new AnswerThresholds { Answer = 0.999, Clarify = -1 });
        _logPath = _temporary.Combine("conversations.db");
        _server = await RunningServer.StartAsync(classifier,
            options => options with { AnswerModelFolder = answers, ConversationLogPath = _logPath });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _temporary.Dispose();
    }

    [ChromiumFact]
    public async Task PageAnswersClarifiesAndLogs()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(_server!.Client.BaseAddress!.ToString());

        // A question that is in the knowledge base is answered.
        await browser.TypeAsync("#message", "i forgot my password");
        await browser.ClickAsync("#send");
        await browser.WaitForAsync("document.querySelector('.turn.answer')");
        var answer = (string?)await browser.EvaluateAsync("document.querySelector('.turn.answer').textContent");
        Assert.Equal("Use the reset link on the login page.", answer);

        // An uncertain one gets a clarifying question with a button per candidate, and a click answers it.
        await browser.TypeAsync("#message", "card refund login ?");
        await browser.ClickAsync("#send");
        await browser.WaitForAsync("document.querySelectorAll('button.choice').length === 3");
        var chosenId = (string?)await browser.EvaluateAsync("document.querySelector('button.choice').dataset.id");
        var chosen = TinyRetrievalFolder.Entries.Single(entry => entry.Id == chosenId);
        await browser.ClickAsync("button.choice");
        await browser.WaitForAsync("document.querySelectorAll('.turn.answer').length === 2");
        var second = (string?)await browser.EvaluateAsync(
            "document.querySelectorAll('.turn.answer')[1].textContent");
        Assert.Equal(chosen.Answer, second);

        // Every turn, including the picked candidate, is in the SQLite log with its decision and scores.
        var conversationId = (string?)await browser.EvaluateAsync("conversationId");
        Assert.False(string.IsNullOrEmpty(conversationId));
        using var log = ConversationLog.Open(_logPath);
        var turns = log.Turns(conversationId!);
        Assert.Equal(3, turns.Count);
        Assert.Equal(["answer", "clarify", "answer"], turns.Select(turn => turn.Decision));
        Assert.Equal("password", turns[0].AnswerId);
        Assert.Equal(1.0, turns[0].Score, 4);
        Assert.Equal("card refund login ?", turns[2].Message);
        Assert.Equal(chosenId, turns[2].AnswerId);
    }
}
