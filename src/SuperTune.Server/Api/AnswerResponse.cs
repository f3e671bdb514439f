namespace SuperTune.Server.Api;

/// <summary>The body of a <c>POST /v1/answer</c> response.</summary>
/// <param name="Decision">"answer", "clarify" or "escalate".</param>
/// <param name="Answer">The best answer's text; null unless the decision is "answer".</param>
/// <param name="Score">Cosine similarity of the best entry.</param>
/// <param name="Margin">Best score minus the runner-up's, which has a different answer.</param>
/// <param name="Confidence">The value compared with the answer threshold: the best answer's softmax probability
/// among the top three, or its cosine for models whose thresholds have no confidence scale.</param>
/// <param name="Candidates">The top distinct answers, best first (at most three), for a clarifying question.</param>
/// <param name="Thresholds">The answer and clarify thresholds the decision used.</param>
internal sealed record AnswerResponse(string Decision, string? Answer, double Score, double Margin, double Confidence,
    IReadOnlyList<AnswerCandidate> Candidates, AnswerThresholdsJson Thresholds);

/// <summary>One candidate answer of a <see cref="AnswerResponse"/>.</summary>
internal sealed record AnswerCandidate(string Id, string Question, string Answer, string? Group, double Score);

/// <summary>The thresholds of a <see cref="AnswerResponse"/>.</summary>
internal sealed record AnswerThresholdsJson(double Answer, double Clarify, double? ConfidenceScale);
