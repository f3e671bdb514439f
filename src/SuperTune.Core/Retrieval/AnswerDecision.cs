namespace SuperTune.Core.Retrieval;

/// <summary>The names of the three outcomes of a customer message.</summary>
public static class AnswerDecision
{
    /// <summary>The best answer is sent to the customer.</summary>
    public const string Answer = "answer";

    /// <summary>The customer is asked which of the top candidates they mean.</summary>
    public const string Clarify = "clarify";

    /// <summary>The message is handed to a person.</summary>
    public const string Escalate = "escalate";
}
