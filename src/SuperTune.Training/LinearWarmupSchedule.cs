namespace SuperTune.Training;

/// <summary>
/// Learning rate rising linearly from 0 to the peak over the warmup steps, then falling linearly to 0 at the last
/// step (transformers' get_linear_schedule_with_warmup).
/// </summary>
public sealed record LinearWarmupSchedule(double PeakLearningRate, int WarmupSteps, int TotalSteps)
{
    /// <summary>Returns the learning rate for the optimizer step with 0-based index <paramref name="step"/>.</summary>
    public double LearningRateAt(int step)
    {
        if (step < WarmupSteps) return PeakLearningRate * (step + 1) / WarmupSteps;
        var remaining = Math.Max(0, TotalSteps - step);
        return PeakLearningRate * remaining / Math.Max(1, TotalSteps - WarmupSteps);
    }
}
