using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SuperTune.Core.Predictions;
using SuperTune.Core.Redaction;
using Xunit.Abstractions;

namespace SuperTune.Core.Tests.Fuzzing;

/// <summary>
/// Fuzz harness over <see cref="Redactor"/> and its detectors: on any text each entity lies inside the text,
/// entities do not overlap, and the output is the text with exactly those ranges replaced by placeholders.
/// </summary>
public sealed class RedactionFuzzTests(ITestOutputHelper output)
{
    // Personal data, near misses and their separators, so that detectors meet each other's input.
    private static readonly string[] PersonalData =
    [
        "jo@example.com", "a.b+c@sub.example.co.uk", "jo@", "@example.com", "jo@ex..com", "https://example.com/a(b)c).",
        "www.example.org,", "http://", "192.168.0.1", "256.1.1.1", "1.2.3.4.5", "١٢.٣.٤.٥", "١.١.١.١", "::1",
        "fe80::1%eth0", "2001:db8::8a2e:370:7334", "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111",
        "3782 822463 10005", "GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "XX00", "+44 20 7946 0958",
        "0044 20 7946 0958", "(555) 123-4567", "555-123-4567", "020 7946 0958", "12345678901234567890", " ", "-", ".",
        "@", ":", "(", ")", "+", "0", "7", "\n", "😀", "東京", "e\u0301", "\u202E", "\uD800", "\u0000", "٣٤٥", "１２３",
    ];

    private static readonly Redactor Placeholders = new();
    private static readonly Redactor Pseudonyms = new(RedactionMode.Pseudonym);

    [Fact]
    public void HostileTextRedactsInsideItself()
    {
        Gen<string> cases = Gen.Frequency(
            (3, HostileText.Structured(PersonalData)),
            (1, HostileText.Text));

        FuzzHarness.Run("redaction, hostile text", cases, text =>
        {
            AssertReplaced(text, Placeholders.Redact(text), pseudonyms: false);
            AssertReplaced(text, Pseudonyms.Redact(text), pseudonyms: true);
        }, 200, output);
    }

    // Rebuilds the output from the entities: the text between them is kept, each entity becomes [LABEL], or
    // [LABEL_n] with one number per distinct value of a label, numbered in order of first appearance.
    private static void AssertReplaced(string text, RedactionResult result, bool pseudonyms)
    {
        var expected = new StringBuilder();
        var numbers = new Dictionary<(string, string), int>();
        var counts = new Dictionary<string, int>();
        int position = 0;
        foreach (PredictedEntity entity in result.Entities)
        {
            Assert.InRange(entity.Start, position, entity.End - 1);
            Assert.True(entity.End <= text.Length, $"Entity [{entity.Start}, {entity.End}) past a text of {text.Length}");
            Assert.Equal(text[entity.Start..entity.End], entity.Text);
            Assert.InRange(entity.CodePointStart, 0, entity.CodePointEnd - 1);
            expected.Append(text, position, entity.Start - position);
            if (pseudonyms)
            {
                if (!numbers.TryGetValue((entity.Label, entity.Text), out int number))
                {
                    number = counts[entity.Label] = counts.GetValueOrDefault(entity.Label) + 1;
                    numbers[(entity.Label, entity.Text)] = number;
                }

                expected.Append($"[{entity.Label}_{number}]");
            }
            else
            {
                expected.Append($"[{entity.Label}]");
            }

            position = entity.End;
        }

        expected.Append(text, position, text.Length - position);
        Assert.Equal(expected.ToString(), result.Text);
    }
}
