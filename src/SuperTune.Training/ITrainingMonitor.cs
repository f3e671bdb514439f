namespace SuperTune.Training;

/// <summary>Receives progress while training runs, for a progress bar; the log is written separately.</summary>
public interface ITrainingMonitor
{
    /// <summary>Called after each optimizer step with the steps done and the planned total.</summary>
    void OnStep(int step, int totalSteps);

    /// <summary>Called when training ends, normally or not, so the display can be cleared.</summary>
    void OnFinished();
}
