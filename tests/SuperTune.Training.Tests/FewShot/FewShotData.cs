namespace SuperTune.Training.Tests.FewShot;

/// <summary>Writes labelled support messages in the words of TinyBaseFolder's vocabulary, for few-shot runs.</summary>
internal static class FewShotData
{
    /// <summary>Writes 6 x <paramref name="copies"/> rows over the labels card, refund and password.</summary>
    public static string Write(string folder, string name, int copies)
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

        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
