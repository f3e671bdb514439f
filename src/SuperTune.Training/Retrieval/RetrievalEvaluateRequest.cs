namespace SuperTune.Training.Retrieval;

/// <summary>What <c>supertune evaluate</c> on a retrieval model was asked to do.</summary>
public sealed record RetrievalEvaluateRequest
{
    public required string ModelFolder { get; init; }

    /// <summary>Held-out questions with their group (or answer) column.</summary>
    public required string DataPath { get; init; }

    /// <summary>Knowledge base to search; null means the file the model was trained on.</summary>
    public string? KnowledgeBasePath { get; init; }

    /// <summary>Group column of both files; null means the one the model was trained with.</summary>
    public string? GroupColumn { get; init; }

    /// <summary>Optional file of questions with no right answer, which should not be answered.</summary>
    public string? OutOfScopePath { get; init; }

    /// <summary>Column of <see cref="OutOfScopePath"/> with the text. Default "text".</summary>
    public string OutOfScopeTextColumn { get; init; } = "text";

    /// <summary>When set, only rows of <see cref="OutOfScopePath"/> whose "label" column has this value.</summary>
    public string? OutOfScopeLabel { get; init; }

    /// <summary>Where metrics.json goes; null means MODEL/evaluations/&lt;data file name&gt;.</summary>
    public string? OutputFolder { get; init; }
}
