using SuperTune.Core.Data;

namespace SuperTune.Core.Retrieval;

/// <summary>Where a knowledge-base or pairs file keeps its questions, answers, groups and ids.</summary>
public sealed record KnowledgeBaseColumns
{
    /// <summary>Column with the question (or customer message). Default "question".</summary>
    public string QuestionColumn { get; init; } = "question";

    /// <summary>Column with the answer. Default "answer".</summary>
    public string AnswerColumn { get; init; } = "answer";

    /// <summary>Optional column whose equal values mark the same answer, such as an intent. Default none.</summary>
    public string? GroupColumn { get; init; }

    /// <summary>Optional column with a stable entry id. Default "id" when the file has it.</summary>
    public string IdColumn { get; init; } = "id";

    /// <summary>File format; Auto chooses by extension.</summary>
    public DataFormat Format { get; init; } = DataFormat.Auto;
}
