namespace SuperTune.Core.Retrieval;

/// <summary>Which text of a knowledge-base entry incoming messages are compared with.</summary>
public static class MatchField
{
    /// <summary>The entry's question: the nearest FAQ question decides (question-to-question retrieval).</summary>
    public const string Question = "question";

    /// <summary>The entry's answer: the message is compared with the answer text itself.</summary>
    public const string Answer = "answer";

    /// <summary>Returns the text of <paramref name="entry"/> that <paramref name="field"/> names.</summary>
    public static string TextOf(KnowledgeBaseEntry entry, string field) => field == Answer ? entry.Answer : entry.Question;

    /// <summary>Throws when <paramref name="field"/> is neither "question" nor "answer".</summary>
    public static void Require(string field, string source)
    {
        if (field is Question or Answer) return;
        throw new SuperTuneException($"{source}: match field \"{field}\" is not known.", "Use question or answer.");
    }
}
