using SuperTune.Cli.Commands;
using SuperTune.Core.Conversations;
using SuperTune.Core.Retrieval;
using SuperTune.Export.Tests;
using SuperTune.Inference.Assistant;

namespace SuperTune.Cli.Tests;

public class ChatTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-cli-chat-").FullName;

    [Fact]
    public void ChatLogsTurnsAndCorrections()
    {
        // Given a tiny exported retrieval model that answers exact questions and clarifies everything else.
        var model = Path.Combine(folder, "faq");
        TinyRetrievalFolder.Create(model, new AnswerThresholds { Answer = 0.999, Clarify = -1 });
        var logPath = Path.Combine(folder, "conversations.db");
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter());
        var input = new StringReader("i want my money back\ncard refund login ?\n2\n/correct Call us.\n/quit\n");

        // When a customer sends two messages, picks a candidate, and an agent corrects the last turn.
        var (answer, resources) = AnswerCommand.Open(model, null);
        using (resources)
        using (var log = ConversationLog.Open(logPath))
        {
            ChatCommand.Run(context, input, new SupportAssistant(answer, router: null, sentiment: null, log));
        }

        // Then the answer, the clarifying question and the correction survive in the log.
        var text = output.ToString();
        Assert.Contains("Refunds reach your account within a week.", text);
        Assert.Contains("Which of these do you mean?", text);
        Assert.Contains("[3]", text);
        using var reopened = ConversationLog.Open(logPath);
        var pair = Assert.Single(reopened.Corrections());
        Assert.Equal("card refund login ?", pair.Question);
        Assert.Equal("Call us.", pair.Answer);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
