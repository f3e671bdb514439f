namespace SuperTune.Server.Api;

/// <summary>The body of a <c>POST /v1/chat</c> response.</summary>
/// <param name="ConversationId">The conversation the turn belongs to; send it back with the next message.</param>
/// <param name="TurnId">Row id of the turn in the conversation log.</param>
/// <param name="Decision">"answer", "clarify" or "escalate".</param>
/// <param name="Answer">The answer's text; null unless the decision is "answer".</param>
/// <param name="Score">Cosine similarity of the best entry, or of the chosen one.</param>
/// <param name="Margin">Best score minus the runner-up's.</param>
/// <param name="Candidates">The top distinct answers, best first (at most three), to offer as choices.</param>
/// <param name="Intent">The intent router's label, or null without a router.</param>
/// <param name="Sentiment">The sentiment check, or null without a sentiment model.</param>
/// <param name="Summary">For an escalation, what the assistant understood; otherwise null.</param>
internal sealed record ChatResponse(string ConversationId, long TurnId, string Decision, string? Answer, double Score,
    double Margin, IReadOnlyList<AnswerCandidate> Candidates, string? Intent, ChatSentiment? Sentiment,
    ChatSummary? Summary);

/// <summary>The sentiment check of a <see cref="ChatResponse"/>.</summary>
/// <param name="Score">Probability of the escalation label.</param>
internal sealed record ChatSentiment(string Label, double Score, bool Escalates);

/// <summary>The escalation summary of a <see cref="ChatResponse"/>.</summary>
/// <param name="Text">The summary as one line for an agent.</param>
/// <param name="Reason">Why the assistant escalated.</param>
internal sealed record ChatSummary(string Text, string Reason);
