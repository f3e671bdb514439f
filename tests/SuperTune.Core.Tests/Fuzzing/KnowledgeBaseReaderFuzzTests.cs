using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SuperTune.Core.Retrieval;
using SuperTune.Core.Tests.Data;
using Xunit.Abstractions;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>
/// Fuzz harness over <see cref="KnowledgeBaseReader"/>, which reads the question/answer file of retrieval:
/// every file gives entries with distinct ids and non-empty questions and answers, or an error that names it.
/// </summary>
public sealed class KnowledgeBaseReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Headers =
        ["question,answer\n", "id,question,answer,group\n", "question\tanswer\tid\n", "answer,question,group\n"];

    private static readonly string[] Syntax =
        [",", "\t", "\"", "\"\"", "\n", "\r\n", "x", "7", "line:2", "line:3", "", " ", "where is my card ?"];

    private static readonly Dictionary<string, string[]> JsonSchema = new()
    {
        ["question"] = ["\"where is my card ?\"", "\"refund\""],
        ["answer"] = ["\"Cards arrive within five days.\""],
        ["id"] = ["\"a\"", "\"line:1\"", "7"],
        ["group"] = ["\"cards\""],
    };

    private readonly TempFolder _folder = new();
    private int _caseNumber;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void HostileFilesReadOrFail()
    {
        Gen<(byte[] Bytes, string Extension)> delimited =
            from header in Gen.Elements(Headers)
            from body in HostileText.Structured(Syntax)
            select (Encoding.UTF8.GetBytes(header + body), header.Contains('\t') ? ".tsv" : ".csv");
        Gen<(byte[] Bytes, string Extension)> jsonLines = Gen.NonEmptyListOf(JsonCases.MutatedObject(JsonSchema))
            .Select(lines => (Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"), ".jsonl"));
        Gen<(byte[] Bytes, string Extension)> bytes = Gen.Zip(HostileText.Bytes, Gen.Elements(".csv", ".tsv", ".jsonl"),
            (content, extension) => (content, extension));
        Gen<((byte[] Bytes, string Extension) File, bool Groups)> cases = Gen.Zip(
            Gen.Frequency((2, delimited), (2, jsonLines), (1, bytes)), Gen.Elements(true, false),
            (file, groups) => (file, groups));

        FuzzHarness.Run("knowledge base reader", cases, c => ReadOrFail(c.File.Bytes, c.File.Extension, c.Groups),
            150, output);
    }

    private void ReadOrFail(byte[] content, string extension, bool groups)
    {
        string path = _folder.WriteBytes($"faq-{Interlocked.Increment(ref _caseNumber)}{extension}", content);
        ReaderOutcome.ReadOrFail(path, () =>
        {
            KnowledgeBase knowledgeBase = KnowledgeBaseReader.Read(path,
                new KnowledgeBaseColumns { GroupColumn = groups ? "group" : null });
            Assert.NotEmpty(knowledgeBase.Entries);
            Assert.Equal(knowledgeBase.Entries.Count, knowledgeBase.Entries.Select(e => e.Id).Distinct().Count());
            Assert.All(knowledgeBase.Entries, entry =>
            {
                Assert.False(string.IsNullOrWhiteSpace(entry.Question));
                Assert.False(string.IsNullOrWhiteSpace(entry.Answer));
                Assert.True(!groups || !string.IsNullOrWhiteSpace(entry.Group));
                Assert.True(entry.Line >= 1);
                });
        });
    }
}
