using SuperTune.Core.Retrieval;

namespace SuperTune.Training.Retrieval;

/// <summary>What <c>supertune train --task retrieval</c> was asked to do.</summary>
public sealed record RetrievalTrainRequest
{
    /// <summary>Question/answer file: the training pairs and the knowledge base.</summary>
    public required string DataPath { get; init; }

    /// <summary>Optional held-out questions, scored once after training against the whole knowledge base.</summary>
    public string? TestPath { get; init; }

    public required string OutputFolder { get; init; }

    /// <summary>Optional conversation log whose agent corrections join the training pairs.</summary>
    public string? CorrectionsPath { get; init; }

    /// <summary>Null or "all-MiniLM-L6-v2" for the bundled encoder, or a Hugging Face BERT folder.</summary>
    public string? BaseModel { get; init; }

    public TrainingOptions Options { get; init; } = new();

    public RetrievalOptions Retrieval { get; init; } = new();
}
