using System.Text;
using SuperTune.Core.Entities;
using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Redaction;

/// <summary>Redacts the texts of entity training data while keeping words and gold spans aligned.</summary>
public static class TaggedExampleRedaction
{
    /// <summary>
    /// Replaces every detected span that overlaps no gold entity with its placeholder, which becomes one word tagged
    /// O. Personal data inside a gold entity stays, because the model is meant to learn that entity. Words and spans
    /// after a replacement move with the text.
    /// </summary>
    public static TaggedDataset Redact(TaggedDataset dataset, Redactor redactor) =>
        dataset with { Examples = [.. dataset.Examples.Select(e => Redact(e, redactor))] };

    private static TaggedExample Redact(TaggedExample example, Redactor redactor)
    {
        var replaced = redactor.Redact(example.Text).Entities
            .Where(r => !example.Spans.Any(s => s.Start < r.End && r.Start < s.End))
            .ToList();
        if (replaced.Count == 0)
        {
            return example;
        }

        var text = new StringBuilder();
        var words = new List<TextRange>();
        int position = 0;
        int shift = 0;
        int word = 0;
        var shifts = new List<(int From, int Shift)>();
        foreach (var entity in replaced)
        {
            for (; word < example.Words.Count && example.Words[word].End <= entity.Start; word++)
            {
                words.Add(new TextRange(example.Words[word].Start + shift, example.Words[word].End + shift));
            }

            // Words that overlap the replaced span give way to the placeholder.
            while (word < example.Words.Count && example.Words[word].Start < entity.End)
            {
                word++;
            }

            text.Append(example.Text, position, entity.Start - position);
            string placeholder = $"[{entity.Label}]";
            words.Add(new TextRange(text.Length, text.Length + placeholder.Length));
            text.Append(placeholder);
            position = entity.End;
            shift = text.Length - position;
            shifts.Add((entity.End, shift));
        }

        for (; word < example.Words.Count; word++)
        {
            words.Add(new TextRange(example.Words[word].Start + shift, example.Words[word].End + shift));
        }

        text.Append(example.Text, position, example.Text.Length - position);
        var spans = example.Spans.Select(s =>
        {
            int spanShift = shifts.LastOrDefault(x => x.From <= s.Start).Shift;
            return s with { Start = s.Start + spanShift, End = s.End + spanShift };
        }).ToList();
        return example with { Text = text.ToString(), Words = words, Spans = spans };
    }
}
