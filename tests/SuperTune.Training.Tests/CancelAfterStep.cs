namespace SuperTune.Training.Tests;

/// <summary>
/// Cancels a run from the progress callback once it has taken a given number of steps. In a job of several
/// trainer runs (few-shot stages that report progress), <c>trainerRun</c> picks the run, counted from 1.
/// </summary>
internal sealed class CancelAfterStep(CancellationTokenSource source, int step, int trainerRun = 1) : ITrainingMonitor
{
    private int finishedRuns;

    public void OnStep(int current, int totalSteps)
    {
        if (finishedRuns + 1 == trainerRun && current == step) source.Cancel();
    }

    public void OnFinished() => finishedRuns++;
}
