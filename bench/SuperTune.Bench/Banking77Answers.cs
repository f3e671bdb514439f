namespace SuperTune.Bench;

/// <summary>
/// One answer per Banking77 intent, generated from the intent's name. The benchmark matches messages with
/// knowledge-base questions, so the wording of the answer does not change any score; it only has to differ
/// between intents, as a real team's macros would.
/// </summary>
public static class Banking77Answers
{
    /// <summary>Returns the answer text for <paramref name="intent"/>, such as "card_arrival".</summary>
    public static string For(string intent)
    {
        var topic = intent.Replace('_', ' ');
        return $"Thanks for asking about {topic}. Our help article \"{topic}\" walks through what to check and " +
               "what to do next; reply here if it does not solve the problem and an agent will take over.";
    }
}
