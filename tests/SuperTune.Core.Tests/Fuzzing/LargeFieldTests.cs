using System.Diagnostics;
using SuperTune.Core.Data;
using SuperTune.Core.Tests.Data;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>A single 10 MB field in each data format reads in full within the fuzz case time limit.</summary>
public sealed class LargeFieldTests : IDisposable
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    private static readonly string Field = string.Create(TenMegabytes, 0, (chars, _) =>
    {
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
        }
    }).Trim();

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("quoted.csv", "text,label\n\"{0}, with a comma\",a\n")]
    [InlineData("plain.tsv", "text\tlabel\n{0}\ta\n")]
    [InlineData("string.jsonl", "{{\"text\": \"{0}\", \"label\": \"a\"}}\n")]
    public void TenMegabyteFieldReads(string name, string template)
    {
        string path = _folder.Write(name, string.Format(template, Field));

        var clock = Stopwatch.StartNew();
        Dataset dataset = DatasetReader.Read(path);

        Assert.True(clock.Elapsed < FuzzHarness.CaseTimeLimit, $"Reading took {clock.Elapsed}.");
        TextExample example = Assert.Single(dataset.Examples);
        Assert.StartsWith(Field, example.Text);
        Assert.Equal("a", example.Label);
    }
}
