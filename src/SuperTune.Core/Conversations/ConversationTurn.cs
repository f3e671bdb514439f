namespace SuperTune.Core.Conversations;

/// <summary>One customer message of a conversation and what the assistant decided.</summary>
/// <param name="Id">Row id, used to attach a correction.</param>
/// <param name="Decision">"answer", "clarify" or "escalate".</param>
/// <param name="Score">Cosine similarity of the best knowledge-base entry.</param>
/// <param name="Margin">Best score minus the runner-up's.</param>
/// <param name="AnswerId">Knowledge-base id of the best entry, or null when there was none.</param>
public sealed record ConversationTurn(long Id, string ConversationId, DateTimeOffset At, string Message,
    string Decision, double Score, double Margin, string? AnswerId);
