namespace SuperTune.Training.Tests;

/// <summary>Writes a small CSV of card, refund and password messages whose words fit the tiny BERT's vocabulary.</summary>
public static class TinyIntentData
{
    /// <summary>Writes 6 distinct rows per copy, 2 of each label, to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path, int copies)
    {
        var lines = new List<string> { "text,label" };
        for (var i = 0; i < copies; i++)
        {
            lines.Add($"where is my card {i},card");
            lines.Add($"my card still hasn't arrived {i},card");
            lines.Add($"i want my money back please {i},refund");
            lines.Add($"refund please {i}!,refund");
            lines.Add($"forgot my password {i},password");
            lines.Add($"help me reset login {i}?,password");
        }

        File.WriteAllLines(path, lines);
        return path;
    }
}
