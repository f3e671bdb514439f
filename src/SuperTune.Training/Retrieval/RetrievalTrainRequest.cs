using SuperTune.Core;
using SuperTune.Core.Retrieval;
using SuperTune.Training.Jobs;

namespace SuperTune.Training.Retrieval;

/// <summary>What <c>supertune train --task retrieval</c> was asked to do.</summary>
public sealed record RetrievalTrainRequest
{
    /// <summary>The <see cref="TrainRequest.Task"/> that marks a retrieval run in <c>run.json</c>.</summary>
    public const string Task = "retrieval";

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

    /// <summary>Returns this request in the form that <c>run.json</c> stores for <c>--resume</c>.</summary>
    public TrainRequest ToRunRequest() => new()
    {
        Task = Task,
        DataPath = DataPath,
        TestPath = TestPath,
        OutputFolder = OutputFolder,
        CorrectionsPath = CorrectionsPath,
        BaseModel = BaseModel,
        Options = Options,
        Retrieval = Retrieval,
    };

    /// <summary>Returns the request that <see cref="ToRunRequest"/> turned into <paramref name="run"/>.</summary>
    /// <exception cref="SuperTuneException">
    /// The run is not a retrieval run, or its retrieval settings are missing.
    /// </exception>
    public static RetrievalTrainRequest FromRunRequest(TrainRequest run)
    {
        if (run.Task != Task)
        {
            throw new SuperTuneException(
                $"The interrupted run for {run.OutputFolder} is a \"{run.Task}\" run, not a retrieval run.",
                "Resume it with `supertune train --resume`, which picks the job from its run.json.");
        }

        if (run.Retrieval is null)
        {
            throw new SuperTuneException(
                $"The run.json of the interrupted run for {run.OutputFolder} has no \"retrieval\" settings.",
                "Delete the interrupted run's staging folder and start the run again.");
        }

        return new RetrievalTrainRequest
        {
            DataPath = run.DataPath,
            TestPath = run.TestPath,
            OutputFolder = run.OutputFolder,
            CorrectionsPath = run.CorrectionsPath,
            BaseModel = run.BaseModel,
            Options = run.Options,
            Retrieval = run.Retrieval,
        };
    }
}
