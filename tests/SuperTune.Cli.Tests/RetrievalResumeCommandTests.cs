using Microsoft.Extensions.Logging.Abstractions;
using SuperTune.Core.Retrieval;
using SuperTune.Training;
using SuperTune.Training.Retrieval;
using SuperTune.Training.Tests;
using SuperTune.Training.Tests.Retrieval;

namespace SuperTune.Cli.Tests;

/// <summary>
/// <c>supertune train --resume</c> on an interrupted retrieval run: the run is cancelled in the library, then the
/// command finds its task in run.json and finishes it as a retrieval run.
/// </summary>
public sealed class RetrievalResumeCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("supertune-cli-retrieval-resume-").FullName;

    [Fact]
    public void ResumeFinishesInterruptedRetrievalRun()
    {
        var output = Path.Combine(root, "faq-model");
        var data = TinyKnowledgeBase.Write(root);
        var request = new RetrievalTrainRequest
        {
            DataPath = data, OutputFolder = output, BaseModel = TinyBaseFolder.Create(Path.Combine(root, "base")),
            Options = new TrainingOptions
            {
                NumTrainEpochs = 2, BatchSize = 4, SaveSteps = 1, ValidationFraction = 0.2, LoggingSteps = 1000,
            },
        };

        // Given a retrieval run cancelled after its second step,
        using var interruption = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            new RetrievalFineTuneJob(NullLoggerFactory.Instance, new CancelAfterStep(interruption, step: 2))
                .Run(request, interruption.Token));

        // a new retrieval run into its folder is rejected with a pointer to --resume,
        var rejected = CliRunner.Run("train", "--task", "retrieval", "--data", data, "--out", output);
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("--resume", rejected.Error);

        // and when the command resumes it,
        var resumed = CliRunner.Run("train", "--resume", output);

        // then the output folder is a finished retrieval model and no staging folder remains.
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("Resumed from", resumed.Output + resumed.Error);
        Assert.NotNull(RetrievalOptions.TryLoad(output));
        Assert.True(File.Exists(Path.Combine(output, "model.safetensors")));
        Assert.Empty(Directory.GetDirectories(root, ".faq-model.partial-*"));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
