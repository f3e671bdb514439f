using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SuperTune.Core.Data;
using SuperTune.Core.Evaluation;
using SuperTune.Core.Tests.Data;
using Xunit.Abstractions;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>
/// Fuzz harnesses over <see cref="DatasetReader"/>: every file gives a dataset or a <see cref="DataException"/>
/// located in that file, or a <see cref="SuperTuneException"/> that names it.
/// </summary>
public sealed class DataReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Extensions = [".csv", ".tsv", ".jsonl"];

    private static readonly string[] DelimitedSyntax =
        ["text,label\n", "text\tlabel\n", ",", "\t", "\"", "\"\"", "\n", "\r\n", "\r", "x", "label", "text"];

    private static readonly string[] JsonSyntax =
    [
        "{\"text\": ", "\"label\": ", "\"a\"", ", ", "}", "{", "[", "]", "\n", "null", "3", "1e999", "-0",
        "true", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"text\"", ":", "\"\\",
        "{\"text\": \"a\", \"label\": \"b\"}\n",
    ];

    private static readonly Dictionary<string, string[]> JsonLinesSchema = new()
    {
        ["text"] = ["\"my card has not arrived\"", "\"  padded  \""],
        ["label"] = ["\"delivery\"", "3", "-1.5e3"],
        ["id"] = ["7"],
    };

    private readonly TempFolder _folder = new();
    private int _caseNumber;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RandomBytesReadOrFail()
    {
        Gen<(byte[] Bytes, string Extension)> cases = Gen.Zip(HostileText.Bytes, Gen.Elements(Extensions),
            (bytes, extension) => (bytes, extension));

        FuzzHarness.Run("data readers, random bytes", cases, c => ReadOrFail(c.Bytes, c.Extension), 150, output);
    }

    [Fact]
    public void DelimitedSyntaxReadsOrFails()
    {
        Gen<(string Text, string Extension)> cases = Gen.Zip(HostileText.Structured(DelimitedSyntax),
            Gen.Elements(".csv", ".tsv"), (text, extension) => ("text,label\n" + text, extension));

        FuzzHarness.Run("data readers, CSV and TSV syntax", cases,
            c => ReadOrFail(Encoding.UTF8.GetBytes(c.Text), c.Extension), 150, output);
    }

    [Fact]
    public void JsonLinesSyntaxReadsOrFails()
    {
        Gen<string> cases = Gen.OneOf(
            HostileText.Structured(JsonSyntax),
            HostileText.DeepJson.Select(json => "{\"text\": \"a\", \"label\": " + json + "}\n"));

        FuzzHarness.Run("data readers, JSON Lines syntax", cases,
            text => ReadOrFail(Encoding.UTF8.GetBytes(text), ".jsonl"), 150, output);
    }

    [Fact]
    public void JsonLinesObjectsReadOrFail()
    {
        Gen<string> cases = Gen.NonEmptyListOf(JsonCases.MutatedObject(JsonLinesSchema))
            .Select(lines => string.Join("\n", lines) + "\n");

        FuzzHarness.Run("data readers, JSON Lines objects", cases,
            text => ReadOrFail(Encoding.UTF8.GetBytes(text), ".jsonl"), 150, output);
    }

    [Fact]
    public void ErrorsCsvRoundTrips()
    {
        Gen<(string Text, string Label)[]> cases = Gen.NonEmptyListOf(Gen.Zip(
                HostileText.ValidUnicodeText.Where(text => text.Trim().Length > 0),
                HostileText.ValidUnicodeText.Where(label => label.Trim().Length > 0),
                (text, label) => (text.Trim(), label.Trim())))
            .Select(rows => rows.ToArray());

        FuzzHarness.Run("data readers, errors.csv round trip", cases, AssertErrorsCsvRoundTrips, 100, output);
    }

    // The evaluation writes every misclassified example to errors.csv with its text and gold label, so
    // reading that file back as data must give the same texts and labels in the same order.
    private void AssertErrorsCsvRoundTrips((string Text, string Label)[] rows)
    {
        ClassificationPrediction[] predictions =
        [
            .. rows.Select((row, i) => new ClassificationPrediction(row.Text, row.Label, row.Label + "?", 0.5f, i + 2)),
        ];
        string[] labels = [.. rows.Select(row => row.Label).Concat(rows.Select(row => row.Label + "?")).Distinct()];
        var evaluation = ClassificationEvaluation.Compute(labels, predictions);
        string path = Path.Combine(_folder.Path, $"errors-{Interlocked.Increment(ref _caseNumber)}.csv");
        evaluation.WriteErrors(path);

        Dataset dataset = DatasetReader.Read(path, new DataReadOptions { LabelColumn = "gold" });

        Assert.Equal(rows.Select(row => row.Text), dataset.Examples.Select(example => example.Text));
        Assert.Equal(rows.Select(row => row.Label), dataset.Examples.Select(example => example.Label));
    }

    private void ReadOrFail(byte[] content, string extension)
    {
        string path = _folder.WriteBytes($"case-{Interlocked.Increment(ref _caseNumber)}{extension}", content);
        ReaderOutcome.ReadOrFail(path, () =>
        {
            Dataset dataset = DatasetReader.Read(path, new DataReadOptions { RequireLabels = false });
            Assert.NotEmpty(dataset.Examples);
            Assert.All(dataset.Examples, example => Assert.False(string.IsNullOrWhiteSpace(example.Text)));
        });
    }
}
