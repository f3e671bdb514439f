using SuperTune.Core.Conversations;
using SuperTune.Core.Retrieval;

namespace SuperTune.Inference.Assistant;

/// <summary>What the support assistant does with one customer message, as written to the conversation log.</summary>
/// <param name="Decision">"answer", "clarify" or "escalate"; a sentiment escalation overrides the retriever's.</param>
/// <param name="Answer">The answer sent to the customer; null unless the decision is "answer".</param>
/// <param name="Retrieval">The retriever's result, with the scores and the top candidates.</param>
/// <param name="Intent">The intent router's label, or null without a router.</param>
/// <param name="Sentiment">The sentiment check, or null without a sentiment model.</param>
/// <param name="Summary">For an escalation, what the assistant understood, for the person who takes over.</param>
/// <param name="Turn">The row written to the conversation log.</param>
public sealed record AssistantReply(string Decision, string? Answer, AnswerResult Retrieval, string? Intent,
    SentimentReading? Sentiment, EscalationSummary? Summary, ConversationTurn Turn);
