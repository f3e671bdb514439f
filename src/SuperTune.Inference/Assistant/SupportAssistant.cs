using System.Globalization;
using SuperTune.Core.Conversations;
using SuperTune.Core.Retrieval;

namespace SuperTune.Inference.Assistant;

/// <summary>
/// The support assistant's turn logic, shared by <c>supertune chat</c> and <c>POST /v1/chat</c>. Each message
/// goes to the retriever, to the intent router and the sentiment check when they are given, and the assistant
/// answers, asks to clarify with the top candidates, or escalates with a summary. Every turn is written to the
/// conversation log. Safe for concurrent calls, because the log is written under a lock.
/// </summary>
public sealed class SupportAssistant
{
    private readonly Func<string, AnswerResult> answer;
    private readonly OnnxClassifier? router;
    private readonly SentimentCheck? sentiment;
    private readonly Lock logLock = new();

    /// <param name="answer">The retriever, such as <see cref="Retrieval.KnowledgeBaseAnswerer.Answer"/>.</param>
    /// <param name="router">Exported intent classifier whose label goes into summaries, or null.</param>
    /// <param name="sentiment">Sentiment or urgency check that can force an escalation, or null.</param>
    /// <param name="log">Conversation log that receives every turn; the caller disposes it.</param>
    public SupportAssistant(Func<string, AnswerResult> answer, OnnxClassifier? router, SentimentCheck? sentiment,
        ConversationLog log)
    {
        this.answer = answer ?? throw new ArgumentNullException(nameof(answer));
        this.router = router;
        this.sentiment = sentiment;
        Log = log ?? throw new ArgumentNullException(nameof(log));
    }

    public ConversationLog Log { get; }

    /// <summary>Decides what to do with <paramref name="message"/> and logs the turn.</summary>
    public AssistantReply Respond(string conversationId, string message)
    {
        var retrieval = answer(message);
        var intent = router?.Classify([message])[0].Label;
        var reading = sentiment?.Check(message);

        var decision = reading is { Escalates: true } ? AnswerDecision.Escalate : retrieval.Decision;
        var summary = decision == AnswerDecision.Escalate
            ? new EscalationSummary(message, EscalationReason(retrieval, reading), intent, reading,
                retrieval.Candidates)
            : null;
        var text = decision == AnswerDecision.Answer ? retrieval.Best?.Answer : null;
        var turn = AddTurn(conversationId, message, decision, retrieval.Score, retrieval.Margin, retrieval.Best?.Id);
        return new AssistantReply(decision, text, retrieval, intent, reading, summary, turn);
    }

    /// <summary>
    /// Answers <paramref name="message"/> with the candidate the customer picked after a clarifying question, and
    /// logs that turn with the candidate's score. Returns null when <paramref name="candidateId"/> is not among
    /// the message's top candidates.
    /// </summary>
    public AssistantReply? Choose(string conversationId, string message, string candidateId)
    {
        var retrieval = answer(message);
        var chosen = retrieval.Candidates.FirstOrDefault(candidate => candidate.Entry.Id == candidateId);
        if (chosen is null) return null;

        var turn = AddTurn(conversationId, message, AnswerDecision.Answer, chosen.Score, retrieval.Margin,
            chosen.Entry.Id);
        return new AssistantReply(AnswerDecision.Answer, chosen.Entry.Answer, retrieval, Intent: null,
            Sentiment: null, Summary: null, turn);
    }

    private static string EscalationReason(AnswerResult retrieval, SentimentReading? reading)
    {
        if (reading is { Escalates: true })
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the sentiment check scored {reading.Score:F2}, at or above its threshold");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"no knowledge-base entry scored high enough (best {retrieval.Score:F3})");
    }

    private ConversationTurn AddTurn(string conversationId, string message, string decision, double score,
        double margin, string? answerId)
    {
        lock (logLock)
        {
            return Log.AddTurn(conversationId, message, decision, score, margin, answerId);
        }
    }
}
