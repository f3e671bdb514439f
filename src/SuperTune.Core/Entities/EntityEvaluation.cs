namespace SuperTune.Core.Entities;

/// <summary>
/// Strict span-level precision, recall and F1 of an entity tagger, counted as seqeval counts them: a predicted
/// span is correct only when its start, end and type all equal a gold span's. Also token accuracy: the share
/// of words whose predicted tag equals the gold tag.
/// </summary>
public sealed class EntityEvaluation
{
    private EntityEvaluation(IReadOnlyList<EntityPrediction> predictions)
    {
        Predictions = predictions;
        var perType = new Dictionary<string, (int Gold, int Predicted, int Correct)>(StringComparer.Ordinal);
        int words = 0;
        int correctTags = 0;
        foreach (EntityPrediction prediction in predictions)
        {
            var gold = prediction.Example.Spans.ToHashSet();
            foreach (EntitySpan span in prediction.Example.Spans)
            {
                Increment(perType, span.Label, gold: 1, predicted: 0, correct: 0);
            }

            foreach (EntitySpan span in prediction.PredictedSpans)
            {
                Increment(perType, span.Label, gold: 0, predicted: 1, correct: gold.Contains(span) ? 1 : 0);
            }

            IReadOnlyList<string> goldTags = prediction.Example.Tags;
            words += goldTags.Count;
            correctTags += goldTags.Where((tag, i) => tag == prediction.PredictedTags[i]).Count();
        }

        PerType = perType.OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => new SpanCounts(p.Value.Gold, p.Value.Predicted, p.Value.Correct));
        Micro = new SpanCounts(PerType.Values.Sum(c => c.Gold), PerType.Values.Sum(c => c.Predicted),
            PerType.Values.Sum(c => c.Correct));
        TokenAccuracy = words == 0 ? 0 : (double)correctTags / words;
        Errors = [.. predictions.Where(p => p.IsError)];
    }

    /// <summary>Counts over all entity types: the micro average.</summary>
    public SpanCounts Micro { get; }

    /// <summary>Counts per entity type, for every type that occurs as gold or predicted, sorted by name.</summary>
    public IReadOnlyDictionary<string, SpanCounts> PerType { get; }

    /// <summary>Unweighted mean F1 over <see cref="PerType"/>.</summary>
    public double MacroF1 => PerType.Count == 0 ? 0 : PerType.Values.Average(c => c.F1);

    /// <summary>Share of words whose predicted tag equals the gold tag.</summary>
    public double TokenAccuracy { get; }

    /// <summary>Every evaluated example in input order.</summary>
    public IReadOnlyList<EntityPrediction> Predictions { get; }

    /// <summary>The examples whose predicted spans differ from the gold ones.</summary>
    public IReadOnlyList<EntityPrediction> Errors { get; }

    /// <summary>Scores the predictions.</summary>
    /// <exception cref="ArgumentException">A prediction has a tag count different from its example's word count.</exception>
    public static EntityEvaluation Compute(IReadOnlyList<EntityPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        for (int i = 0; i < predictions.Count; i++)
        {
            if (predictions[i].PredictedTags.Count != predictions[i].Example.Words.Count)
            {
                throw new ArgumentException($"predictions[{i}] has {predictions[i].PredictedTags.Count} tags for "
                    + $"{predictions[i].Example.Words.Count} words.", nameof(predictions));
            }
        }

        return new EntityEvaluation(predictions);
    }

    /// <summary>
    /// Returns the metrics as one flat section of metrics.json: <c>entity_precision</c>, <c>entity_recall</c>,
    /// <c>entity_f1</c> (micro), <c>entity_macro_f1</c>, <c>token_accuracy</c>, counts, and
    /// <c>&lt;type&gt;.precision</c>, <c>.recall</c>, <c>.f1</c>, <c>.support</c> per entity type.
    /// </summary>
    public IReadOnlyDictionary<string, object> ToDictionary()
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["examples"] = Predictions.Count,
            ["entity_precision"] = Micro.Precision,
            ["entity_recall"] = Micro.Recall,
            ["entity_f1"] = Micro.F1,
            ["entity_macro_f1"] = MacroF1,
            ["token_accuracy"] = TokenAccuracy,
            ["gold_entities"] = Micro.Gold,
            ["predicted_entities"] = Micro.Predicted,
            ["correct_entities"] = Micro.Correct,
        };
        foreach (var (type, counts) in PerType)
        {
            values[$"{type}.precision"] = counts.Precision;
            values[$"{type}.recall"] = counts.Recall;
            values[$"{type}.f1"] = counts.F1;
            values[$"{type}.support"] = counts.Gold;
        }

        return values;
    }

    private static void Increment(Dictionary<string, (int Gold, int Predicted, int Correct)> counts, string type,
        int gold, int predicted, int correct)
    {
        (int g, int p, int c) = counts.GetValueOrDefault(type);
        counts[type] = (g + gold, p + predicted, c + correct);
    }
}
