using SuperTune.Core.Data;
using SuperTune.Core.OutOfScope;
using SuperTune.Core.Retrieval;
using SuperTune.Training.FewShot;

namespace SuperTune.Training.Jobs;

/// <summary>What <c>supertune train</c> was asked to do: files, base model, output folder and hyperparameters.</summary>
public sealed record TrainRequest
{
    public required string DataPath { get; init; }
    public string? ValidationPath { get; init; }
    public string? TestPath { get; init; }
    public required string OutputFolder { get; init; }

    /// <summary>
    /// "classify" (default), "entities" or "retrieval"; it chooses the job that <c>--resume</c> continues.
    /// </summary>
    public string Task { get; init; } = "classify";

    /// <summary>Whether personal data is redacted from the texts before training (<c>--redact</c>).</summary>
    public bool Redact { get; init; }

    /// <summary>Null or "all-MiniLM-L6-v2" for the bundled encoder, or a Hugging Face BERT folder.</summary>
    public string? BaseModel { get; init; }

    public DataReadOptions Data { get; init; } = new();
    public TrainingOptions Options { get; init; } = new();

    /// <summary>Out-of-scope detection to tune on validation data, or null to accept every text.</summary>
    public OutOfScopeOptions? OutOfScope { get; init; }

    /// <summary>One of <see cref="TrainingModes.All"/>; "auto" (default) picks few-shot for small labels.</summary>
    public string Mode { get; init; } = TrainingModes.Auto;

    /// <summary>Settings of the few-shot stages, used when the mode resolves to few-shot.</summary>
    public FewShotOptions FewShot { get; init; } = new();

    /// <summary>Settings of contrastive retrieval training; set when <see cref="Task"/> is "retrieval".</summary>
    public RetrievalOptions? Retrieval { get; init; }

    /// <summary>Conversation log whose agents' corrections join the retrieval training pairs, or null.</summary>
    public string? CorrectionsPath { get; init; }
}
