using System.Text.Json;
using SuperTune.Core.Data;
using SuperTune.Core.Redaction;
using SuperTune.Core.Tests.Data;

namespace SuperTune.Core.Tests.Redaction;

public sealed class FileRedactorTests : IDisposable
{
    private const int Rows = 10_000;

    private readonly TempFolder folder = new();

    [Fact]
    public void CsvOfManyRowsIsRedactedRowByRow()
    {
        var messages = new PlantedDataGenerator(seed: 7).Generate(Rows);
        string input = Path.Combine(folder.Path, "tickets.csv");
        using (var writer = new StreamWriter(input))
        {
            writer.Write("id,text,channel\n");
            for (int i = 0; i < messages.Count; i++)
            {
                writer.Write($"{i},\"{messages[i].Text.Replace("\"", "\"\"")}\",email\n");
            }
        }

        string output = Path.Combine(folder.Path, "tickets.redacted.csv");
        FileRedactionSummary summary = new FileRedactor(new Redactor()).Redact(input, output, ["text"], DataFormat.Auto);

        Assert.Equal(Rows, summary.Records);
        Assert.Equal(messages.Sum(m => m.Planted.Count), summary.SpansByLabel.Values.Sum());
        var dataset = DatasetReader.Read(output, new DataReadOptions { LabelColumn = "channel" });
        Assert.Equal(Rows, dataset.Examples.Count);
        var leaked = messages.Select((m, i) => m.Planted.Select(p => m.Text[p.Start..p.End])
            .FirstOrDefault(value => dataset.Examples[i].Text.Contains(value))).Where(v => v is not null).ToList();
        Assert.True(leaked.Count == 0, $"{leaked.Count} planted values left, e.g. \"{leaked.FirstOrDefault()}\"");
        Assert.True(summary.SpansByLabel[PersonalDataKinds.Card] > 0, "no card redacted");
        Assert.False(File.Exists(output + ".tmp-" + Environment.ProcessId));
    }

    [Fact]
    public void JsonLinesKeepOtherFields()
    {
        string input = folder.Write("in.jsonl",
            "{\"id\": 1, \"text\": \"mail a@example.com\", \"meta\": {\"x\": [1, 2]}}\n\n{\"id\": 2, \"text\": \"none\"}\n");
        string output = Path.Combine(folder.Path, "out.jsonl");

        FileRedactionSummary summary = new FileRedactor(new Redactor()).Redact(input, output, ["text"], DataFormat.Auto);

        string[] lines = File.ReadAllLines(output);
        Assert.Equal(2, summary.Records);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("mail [EMAIL]", first.RootElement.GetProperty("text").GetString());
        Assert.Equal(2, first.RootElement.GetProperty("meta").GetProperty("x")[1].GetInt32());
        Assert.Equal("", lines[1]);
    }

    [Fact]
    public void MissingColumnNamesTheHeader()
    {
        string input = folder.Write("in.csv", "id,body\n1,hello\n");

        var error = Assert.Throws<DataException>(() =>
            new FileRedactor(new Redactor()).Redact(input, Path.Combine(folder.Path, "o.csv"), ["text"], DataFormat.Auto));

        Assert.Contains("column \"text\" not found", error.Message);
        Assert.False(File.Exists(Path.Combine(folder.Path, "o.csv")));
    }

    public void Dispose() => folder.Dispose();
}
