using System.Globalization;
using SuperTune.Core.Retrieval;

namespace SuperTune.Inference.Assistant;

/// <summary>What the assistant understood of a message it hands to a person.</summary>
/// <param name="Reason">Why it escalated: low retrieval scores, or the sentiment check.</param>
/// <param name="Candidates">The best knowledge-base candidates, best first (at most three).</param>
public sealed record EscalationSummary(string Message, string Reason, string? Intent, SentimentReading? Sentiment,
    IReadOnlyList<RetrievalCandidate> Candidates)
{
    /// <summary>Formats the summary as one line for a terminal or an agent's queue.</summary>
    public string ToText()
    {
        var parts = new List<string> { $"customer wrote \"{Message}\"", Reason };
        if (Intent is not null) parts.Add($"intent router says {Intent}");
        if (Sentiment is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"sentiment {Sentiment.Label} ({Sentiment.Score:F2} for the escalation label)"));
        }

        if (Candidates.Count > 0)
        {
            parts.Add("closest entries " + string.Join(", ", Candidates.Select(candidate =>
                string.Create(CultureInfo.InvariantCulture, $"\"{candidate.Entry.Question}\" ({candidate.Score:F3})"))));
        }

        return string.Join("; ", parts);
    }
}
