using System.Globalization;
using SuperTune.Core.Data;

namespace SuperTune.Bench;

/// <summary>
/// Writes the benchmark's question/answer files from the shared datasets: a training sample of Bitext's FAQ,
/// and a Banking77 knowledge base whose answer per intent comes from <see cref="Banking77Answers"/>.
/// </summary>
public static class RetrievalDatasets
{
    /// <summary>Copies at most <paramref name="perIntent"/> rows per intent of Bitext's faq.csv, in file order.</summary>
    public static string BitextTrainingSample(string faqPath, string outputFolder, int perIntent)
    {
        var rows = DatasetReader.Read(faqPath, new DataReadOptions { TextColumn = "question", LabelColumn = "intent" });
        var answers = DatasetReader.Read(faqPath, new DataReadOptions { TextColumn = "question", LabelColumn = "answer" });
        var kept = new List<string> { "id,question,answer,intent" };
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Examples.Count; i++)
        {
            var intent = rows.Examples[i].Label!;
            counts[intent] = counts.GetValueOrDefault(intent) + 1;
            if (counts[intent] > perIntent) continue;
            kept.Add(Row($"bx{i + 1:D5}", rows.Examples[i].Text, answers.Examples[i].Label!, intent));
        }

        return Write(outputFolder, "bitext-train.csv", kept);
    }

    /// <summary>
    /// Writes banking77-kb.csv (at most <paramref name="kbPerIntent"/> training messages per intent, each with
    /// its intent's answer), banking77-train.csv (the first <paramref name="trainPerIntent"/> of them) and
    /// banking77-test.csv (question,intent; the first <paramref name="testPerIntent"/> test messages per intent);
    /// returns the three paths.
    /// </summary>
    public static (string KnowledgeBase, string Train, string Test) Banking77(string dataFolder, string outputFolder,
        int kbPerIntent, int trainPerIntent, int testPerIntent)
    {
        var train = DatasetReader.Read(Path.Combine(dataFolder, "train.csv"));
        var test = DatasetReader.Read(Path.Combine(dataFolder, "test.csv"));
        var knowledgeBase = new List<string> { "id,question,answer,intent" };
        var sample = new List<string> { knowledgeBase[0] };
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in train.Examples)
        {
            var intent = example.Label!;
            counts[intent] = counts.GetValueOrDefault(intent) + 1;
            if (counts[intent] > kbPerIntent) continue;
            var row = Row($"b77-{example.Line}", example.Text, Banking77Answers.For(intent), intent);
            knowledgeBase.Add(row);
            if (counts[intent] <= trainPerIntent) sample.Add(row);
        }

        var testRows = new List<string> { "question,intent" };
        var testCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in test.Examples)
        {
            testCounts[example.Label!] = testCounts.GetValueOrDefault(example.Label!) + 1;
            if (testCounts[example.Label!] <= testPerIntent) testRows.Add($"{Quote(example.Text)},{Quote(example.Label!)}");
        }

        return (Write(outputFolder, "banking77-kb.csv", knowledgeBase), Write(outputFolder, "banking77-train.csv", sample),
            Write(outputFolder, "banking77-test.csv", testRows));
    }

    private static string Row(string id, string question, string answer, string intent) =>
        string.Join(',', new[] { id, question, answer, intent }.Select(Quote));

    // RFC 4180: a field with a comma, quote or line break is quoted, and its quotes are doubled.
    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    private static string Write(string folder, string name, List<string> lines)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
