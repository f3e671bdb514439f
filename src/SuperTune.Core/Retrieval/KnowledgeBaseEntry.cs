namespace SuperTune.Core.Retrieval;

/// <summary>One knowledge-base row: a question a customer might ask and the answer to give.</summary>
/// <param name="Id">Stable identifier: the id column's value, or "line:N" when the file has no id column.</param>
/// <param name="Question">The text that incoming messages are matched against in question mode.</param>
/// <param name="Answer">The answer returned to the customer.</param>
/// <param name="Group">
/// Optional grouping (an intent, an article id): entries of one group count as the same answer, both for
/// relevance in evaluation and for false negatives in training. Null when the file has no group column.
/// </param>
/// <param name="Line">1-based line of the row in its file.</param>
public sealed record KnowledgeBaseEntry(string Id, string Question, string Answer, string? Group, int Line)
{
    /// <summary>What makes two entries the same answer: the group when present, else the answer text.</summary>
    public string AnswerKey => Group ?? Answer;
}
