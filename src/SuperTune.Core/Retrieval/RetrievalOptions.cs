using System.Text.Json;
using System.Text.Json.Serialization;
using SuperTune.Core;

namespace SuperTune.Core.Retrieval;

/// <summary>
/// Settings of contrastive fine-tuning and answer decisions, on top of the training options. Saved
/// beside the model as <c>retrieval_options.json</c>, with the knowledge-base file and its columns, so
/// evaluation and answering find the knowledge base the model was trained on.
/// </summary>
public sealed record RetrievalOptions
{
    /// <summary>"question" (nearest FAQ question) or "answer" (the answer text). Default "question".</summary>
    [JsonPropertyName("match")] public string Match { get; init; } = MatchField.Question;

    /// <summary>Cosine scale of the ranking loss at the start of training. Default 20, as sentence-transformers.</summary>
    [JsonPropertyName("scale")] public double Scale { get; init; } = 20;

    /// <summary>Whether the scale is trained with the encoder. Default false (fixed).</summary>
    [JsonPropertyName("learnable_scale")] public bool LearnableScale { get; init; }

    /// <summary>Whether each pair gets a hard negative mined with the untuned model. Default false.</summary>
    [JsonPropertyName("hard_negatives")] public bool HardNegatives { get; init; }

    /// <summary>Precision the answer threshold is tuned for on the validation split. Default 0.99.</summary>
    [JsonPropertyName("target_precision")] public double TargetPrecision { get; init; } = 0.99;

    /// <summary>The knowledge-base file trained on, as given.</summary>
    [JsonPropertyName("knowledge_base")] public string? KnowledgeBase { get; init; }

    [JsonPropertyName("question_column")] public string QuestionColumn { get; init; } = "question";
    [JsonPropertyName("answer_column")] public string AnswerColumn { get; init; } = "answer";
    [JsonPropertyName("group_column")] public string? GroupColumn { get; init; }

    public const string FileName = "retrieval_options.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>The columns to read the knowledge base with.</summary>
    public KnowledgeBaseColumns Columns() => new()
    {
        QuestionColumn = QuestionColumn,
        AnswerColumn = AnswerColumn,
        GroupColumn = GroupColumn,
    };

    /// <summary>Checks every option and reports all problems in one error, each naming its command-line option.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Match is not (MatchField.Question or MatchField.Answer)) problems.Add($"--match must be question or answer, got \"{Match}\"");
        if (Scale is <= 0 or > 100) problems.Add($"--scale must be in (0, 100], got {Scale}");
        if (TargetPrecision is <= 0.5 or > 1) problems.Add($"--target-precision must be in (0.5, 1], got {TargetPrecision}");
        if (QuestionColumn == AnswerColumn) problems.Add($"--question-column and --answer-column both name \"{QuestionColumn}\"");
        if (problems.Count > 0)
        {
            throw new SuperTuneException("Invalid retrieval options: " + string.Join("; ", problems) + ".");
        }
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>Reads the file written by <see cref="Save"/> from a model folder, or returns null when absent.</summary>
    public static RetrievalOptions? TryLoad(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<RetrievalOptions>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new SuperTuneException($"{path}: invalid JSON: {e.Message}", "Delete the file or train the model again.");
        }
    }
}
