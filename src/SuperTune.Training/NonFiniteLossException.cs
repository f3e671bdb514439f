using SuperTune.Core;

namespace SuperTune.Training;

/// <summary>Training diverged: the loss became NaN or infinite.</summary>
public sealed class NonFiniteLossException : SuperTuneException
{
    public NonFiniteLossException(double loss, int step, bool restoredBest)
        : base($"Training stopped: the loss became {loss} at step {step}.",
            (restoredBest ? "The model keeps the weights of the best epoch before the failure. " : "") +
            "Lower --learning-rate (for example by 10x), keep --max-grad-norm above 0, or check the data.")
    {
        RestoredBest = restoredBest;
    }

    /// <summary>Whether the model was reset to the last good (best validated) weights.</summary>
    public bool RestoredBest { get; }
}
