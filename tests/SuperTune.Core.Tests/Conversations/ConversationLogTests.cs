using SuperTune.Core.Conversations;
using SuperTune.Core.Tests.Data;

namespace SuperTune.Core.Tests.Conversations;

public class ConversationLogTests
{
    [Fact]
    public void TurnsSurviveRestart()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "conversations.db");
        using (var log = ConversationLog.Open(path))
        {
            log.AddTurn("c1", "where is my refund", "answer", 0.91, 0.2, "bx01");
            log.AddTurn("c1", "and my card?", "clarify", 0.7, 0.01, "bx02");
            log.AddTurn("c2", "what is the weather", "escalate", 0.2, 0.05, null);
        }

        using var reopened = ConversationLog.Open(path);
        var turns = reopened.Turns("c1");

        Assert.Equal(2, turns.Count);
        Assert.Equal("where is my refund", turns[0].Message);
        Assert.Equal("answer", turns[0].Decision);
        Assert.Equal(0.91, turns[0].Score);
        Assert.Equal(0.2, turns[0].Margin);
        Assert.Equal("bx01", turns[0].AnswerId);
        Assert.Equal("clarify", turns[1].Decision);
        Assert.Null(Assert.Single(reopened.Turns("c2")).AnswerId);
    }

    [Fact]
    public void CorrectionBecomesTrainingPair()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "conversations.db");
        using (var log = ConversationLog.Open(path))
        {
            var turn = log.AddTurn("c1", "money back pls", "answer", 0.8, 0.1, "bx07");
            log.AddCorrection(turn.Id, "Refunds take five working days.", "get_refund");
        }

        using var reopened = ConversationLog.Open(path);
        var pair = Assert.Single(reopened.Corrections());

        Assert.Equal("money back pls", pair.Question);
        Assert.Equal("Refunds take five working days.", pair.Answer);
        Assert.Equal("get_refund", pair.Group);
    }

    [Fact]
    public void CorrectingUnknownTurnFails()
    {
        using var folder = new TempFolder();
        using var log = ConversationLog.Open(Path.Combine(folder.Path, "conversations.db"));

        var error = Assert.Throws<SuperTuneException>(() => log.AddCorrection(42, "an answer"));

        Assert.Contains("42", error.Message);
    }
}
