namespace SuperTune.Training.Tests.Retrieval;

/// <summary>A question/answer CSV in the words of TinyBaseFolder's vocabulary, for retrieval training runs.</summary>
internal static class TinyKnowledgeBase
{
    // Four answers with six questions each.
    private static readonly Dictionary<string, string[]> Questions = new()
    {
        ["Cards arrive within a week."] =
            ["where is my card", "card not arrived", "my card still not arrived", "where is the card", "card yet ?",
             "still no card"],
        ["Refunds take five days."] =
            ["i want my money back", "refund please", "where is my refund", "want money back", "refund not arrived",
             "my money please"],
        ["Reset it from the login page."] =
            ["forgot password", "reset my password", "password reset help", "i forgot the password", "help password",
             "password !"],
        ["Write to support about login."] =
            ["login help", "help with login", "login not", "reset login", "login still not", "my login ?"],
    };

    /// <summary>Writes <c>faq.csv</c> with question and answer columns into <paramref name="folder"/>.</summary>
    public static string Write(string folder)
    {
        var lines = new List<string> { "question,answer" };
        foreach (var (answer, questions) in Questions) lines.AddRange(questions.Select(q => $"{q},{answer}"));
        var path = Path.Combine(folder, "faq.csv");
        File.WriteAllLines(path, lines);
        return path;
    }
}
