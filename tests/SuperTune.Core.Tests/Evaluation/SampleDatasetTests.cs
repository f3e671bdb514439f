namespace SuperTune.Core.Tests.Evaluation;

/// <summary>
/// Checks the shipped data/sample intent data set with a small CSV parser of its own, so that the test does not
/// depend on the data readers it is meant to exercise.
/// </summary>
public class SampleDatasetTests
{
    private static readonly string SampleFolder = Path.Combine(FindRepositoryRoot(), "data", "sample");

    [Theory]
    [InlineData("train.csv", 30)]
    [InlineData("test.csv", 10)]
    public void Split_HasEnoughRowsPerLabel(string fileName, int minRows)
    {
        var rows = ReadRows(fileName);

        var counts = rows.GroupBy(row => row.Label).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(10, counts.Count);
        foreach (var (label, count) in counts)
        {
            Assert.True(count >= minRows, $"{fileName}: label '{label}' has {count} rows, expected at least {minRows}");
        }
    }

    [Fact]
    public void Splits_ShareLabelsButNoText()
    {
        var train = ReadRows("train.csv");
        var test = ReadRows("test.csv");

        var trainTexts = train.Select(row => Normalize(row.Text)).ToHashSet();
        var leaked = test.Where(row => trainTexts.Contains(Normalize(row.Text))).Select(row => row.Text).ToList();
        Assert.Empty(leaked);
        Assert.Equal(train.Select(row => row.Label).ToHashSet(), test.Select(row => row.Label).ToHashSet());
    }

    [Theory]
    [InlineData("train.csv")]
    [InlineData("test.csv")]
    public void Split_HasNoDuplicateOrEmptyText(string fileName)
    {
        var rows = ReadRows(fileName);

        var duplicates = rows.GroupBy(row => Normalize(row.Text)).Where(group => group.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
        Assert.DoesNotContain(rows, row => string.IsNullOrWhiteSpace(row.Text));
    }

    private static string Normalize(string text) => text.Trim().ToLowerInvariant();

    private static List<(string Text, string Label)> ReadRows(string fileName)
    {
        var path = Path.Combine(SampleFolder, fileName);
        var records = ParseCsv(File.ReadAllText(path));
        Assert.Equal(["text", "label"], records[0]);

        var rows = new List<(string Text, string Label)>();
        for (var i = 1; i < records.Count; i++)
        {
            Assert.True(records[i].Count == 2, $"{path}: record {i + 1} has {records[i].Count} fields, expected 2");
            rows.Add((records[i][0], records[i][1]));
        }

        return rows;
    }

    /// <summary>Splits RFC 4180 text into records. Quoted fields may contain commas, "" and newlines.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SuperTune.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains SuperTune.slnx.");
    }
}
