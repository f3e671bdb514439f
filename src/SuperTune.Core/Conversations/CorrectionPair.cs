namespace SuperTune.Core.Conversations;

/// <summary>An agent's correction: the customer's message with the answer it should have received.</summary>
/// <param name="Group">The group (intent) of the right answer, or null when the agent gave none.</param>
public sealed record CorrectionPair(long TurnId, string Question, string Answer, string? Group, DateTimeOffset At);
