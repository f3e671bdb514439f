using System.Text;
using SuperTune.Core.Entities;
using SuperTune.Core.Predictions;

namespace SuperTune.Core.Redaction;

/// <summary>
/// Replaces personal data in texts: the matches of <see cref="PersonalDataDetector"/>, and the entities of a
/// fine-tuned tagger when one is given, with overlaps resolved by <see cref="SpanResolver"/>. Instances keep no
/// state between calls, so one may serve several threads if the tagger can.
/// </summary>
public sealed class Redactor
{
    private readonly RedactionMode mode;
    private readonly Func<IReadOnlyList<string>, IReadOnlyList<IReadOnlyList<PredictedEntity>>>? tagger;

    /// <param name="mode">Typed placeholders or numbered pseudonyms.</param>
    /// <param name="tagger">
    /// Finds model entities in a batch of texts, or null for the detectors alone. Each entity's label, upper-cased,
    /// names its placeholder: a <c>person</c> span becomes <c>[PERSON]</c>.
    /// </param>
    public Redactor(RedactionMode mode = RedactionMode.Placeholder,
        Func<IReadOnlyList<string>, IReadOnlyList<IReadOnlyList<PredictedEntity>>>? tagger = null)
    {
        this.mode = mode;
        this.tagger = tagger;
    }

    /// <summary>Combines the detectors with <paramref name="tagger"/>'s entities, or uses the detectors alone for null.</summary>
    public Redactor(RedactionMode mode, IEntityTagger? tagger)
        : this(mode, tagger is null ? null : texts => [.. tagger.Predict(texts).Select(result => result.Entities)])
    {
    }

    /// <summary>Redacts one text, which is one document for pseudonyms.</summary>
    public RedactionResult Redact(string text) => RedactBatch([text])[0];

    /// <summary>Redacts each text as its own document, calling the tagger once for the whole batch.</summary>
    public IReadOnlyList<RedactionResult> RedactBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        IReadOnlyList<IReadOnlyList<PredictedEntity>>? modelEntities = tagger?.Invoke(texts);
        var results = new RedactionResult[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            var scores = new Dictionary<EntitySpan, double>();
            foreach (PredictedEntity entity in modelEntities?[i] ?? [])
            {
                scores[new EntitySpan(entity.Start, entity.End, entity.Label)] = entity.Score;
            }

            IEnumerable<EntitySpan> candidates = PersonalDataDetector.FindAll(texts[i]).Concat(scores.Keys);
            results[i] = Replace(texts[i], SpanResolver.Resolve(candidates), scores);
        }

        return results;
    }

    // Detector matches score 1; model entities keep their score.
    private RedactionResult Replace(string text, IReadOnlyList<EntitySpan> spans, Dictionary<EntitySpan, double> scores)
    {
        var output = new StringBuilder(text.Length);
        var pseudonyms = new Dictionary<(string Label, string Value), int>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = new CodePointIndex(text);
        var entities = new List<PredictedEntity>(spans.Count);
        int position = 0;
        foreach (EntitySpan span in spans)
        {
            string label = span.Label.ToUpperInvariant();
            string value = span.TextIn(text);
            output.Append(text, position, span.Start - position);
            if (mode == RedactionMode.Pseudonym)
            {
                if (!pseudonyms.TryGetValue((label, value), out int number))
                {
                    number = counts[label] = counts.GetValueOrDefault(label) + 1;
                    pseudonyms[(label, value)] = number;
                }

                output.Append('[').Append(label).Append('_').Append(number).Append(']');
            }
            else
            {
                output.Append('[').Append(label).Append(']');
            }

            entities.Add(new PredictedEntity
            {
                Label = label, Text = value, Start = span.Start, End = span.End,
                CodePointStart = index.ToCodePoint(span.Start), CodePointEnd = index.ToCodePoint(span.End),
                Score = scores.GetValueOrDefault(span, 1),
            });
            position = span.End;
        }

        output.Append(text, position, text.Length - position);
        return new RedactionResult(output.ToString(), entities);
    }
}
