using SuperTune.Core.Tokenization;

namespace SuperTune.Core.Entities;

/// <summary>
/// Conversion between entity spans and BIO tags over words (the IOB2 scheme: <c>B-x</c> begins an entity of
/// type x, <c>I-x</c> continues it, <c>O</c> is outside any entity).
/// </summary>
public static class BioTags
{
    /// <summary>The tag of words outside every entity.</summary>
    public const string Outside = "O";

    /// <summary>Returns the tag set of a tagger over <paramref name="types"/>: O, then B- and I- of each type in order.</summary>
    public static IReadOnlyList<string> TagSet(IEnumerable<string> types) =>
        [Outside, .. types.SelectMany(type => new[] { "B-" + type, "I-" + type })];

    /// <summary>Returns the entity types of a tag set, without BIO prefixes, in the order they first appear.</summary>
    public static IReadOnlyList<string> EntityTypes(IEnumerable<string> tags) =>
        [.. tags.Select(tag => Parse(tag).Type).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>Returns the tag of each word: <c>B-</c> on the first word inside a span, <c>I-</c> on the rest.</summary>
    /// <remarks>A span that covers no word tags nothing. Spans must start and end on word boundaries.</remarks>
    public static string[] FromSpans(IReadOnlyList<TextRange> words, IReadOnlyList<EntitySpan> spans)
    {
        var tags = new string[words.Count];
        Array.Fill(tags, Outside);
        int wordIndex = 0;
        foreach (EntitySpan span in spans.OrderBy(span => span.Start))
        {
            while (wordIndex < words.Count && words[wordIndex].Start < span.Start)
            {
                wordIndex++;
            }

            string prefix = "B-";
            for (; wordIndex < words.Count && words[wordIndex].End <= span.End; wordIndex++)
            {
                tags[wordIndex] = prefix + span.Label;
                prefix = "I-";
            }
        }

        return tags;
    }

    /// <summary>
    /// Returns the spans that <paramref name="tags"/> mark over <paramref name="words"/>. As conlleval and
    /// seqeval's default mode do, an <c>I-x</c> that does not continue an entity of type x begins a new one, so
    /// every tag sequence decodes, including a model's ill-formed predictions.
    /// </summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static IReadOnlyList<EntitySpan> ToSpans(IReadOnlyList<TextRange> words, IReadOnlyList<string> tags)
    {
        if (words.Count != tags.Count)
        {
            throw new ArgumentException($"{words.Count} words but {tags.Count} tags.", nameof(tags));
        }

        var spans = new List<EntitySpan>();
        int start = -1;
        string? label = null;
        for (int i = 0; i <= tags.Count; i++)
        {
            (string prefix, string? type) = i < tags.Count ? Parse(tags[i]) : ("O", null);
            bool continues = prefix == "I" && type == label;
            if (label is not null && !continues)
            {
                spans.Add(new EntitySpan(words[start].Start, words[i - 1].End, label));
                label = null;
            }

            if (prefix != "O" && !continues)
            {
                start = i;
                label = type;
            }
        }

        return spans;
    }

    /// <summary>
    /// Returns the problem with <paramref name="tag"/> at word <paramref name="index"/> after
    /// <paramref name="previous"/>, or null when the tag is valid IOB2 there.
    /// </summary>
    public static string? FindProblem(string tag, string? previous, int index)
    {
        if (tag != Outside && !(tag.Length > 2 && tag[1] == '-' && tag[0] is 'B' or 'I'))
        {
            return $"tag {index} \"{tag}\" is not a BIO tag; write O, B-<type> or I-<type>";
        }

        if (tag[0] != 'I')
        {
            return null;
        }

        (_, string? type) = Parse(tag);
        (string previousPrefix, string? previousType) = previous is null ? ("O", null) : Parse(previous);
        if (previousPrefix != "O" && previousType == type)
        {
            return null;
        }

        string after = previous is null ? "at the start of the sentence" : $"after \"{previous}\"";
        return $"tag {index} \"{tag}\" {after} breaks BIO: I-{type} must follow B-{type} or I-{type}; "
            + $"write B-{type} to start the entity";
    }

    /// <summary>Returns the prefix (<c>B</c>, <c>I</c> or <c>O</c>) and entity type of a tag.</summary>
    public static (string Prefix, string? Type) Parse(string tag) =>
        tag.Length > 2 && tag[1] == '-' && tag[0] is 'B' or 'I' ? (tag[..1], tag[2..]) : ("O", null);
}
