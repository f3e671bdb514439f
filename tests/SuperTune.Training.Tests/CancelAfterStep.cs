namespace SuperTune.Training.Tests;

/// <summary>Cancels a run from the progress callback once it has taken a given number of steps.</summary>
internal sealed class CancelAfterStep(CancellationTokenSource source, int step) : ITrainingMonitor
{
    public void OnStep(int current, int totalSteps)
    {
        if (current == step) source.Cancel();
    }

    public void OnFinished()
    {
    }
}
