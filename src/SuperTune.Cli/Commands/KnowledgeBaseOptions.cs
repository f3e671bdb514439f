using System.CommandLine;

namespace SuperTune.Cli.Commands;

/// <summary>Options naming the columns of a question/answer file, shared by the retrieval verbs.</summary>
internal static class KnowledgeBaseOptions
{
    public static Option<string> QuestionColumn() => new("--question-column")
    {
        Description = "Retrieval: column with the question (or customer message).",
        DefaultValueFactory = _ => "question",
    };

    public static Option<string> AnswerColumn() => new("--answer-column")
    {
        Description = "Retrieval: column with the answer.",
        DefaultValueFactory = _ => "answer",
    };

    public static Option<string?> GroupColumn() => new("--group-column")
    {
        Description = "Retrieval: column whose equal values mean the same answer (such as an intent); default: " +
                      "equal answer texts.",
    };
}
