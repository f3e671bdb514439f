using TorchSharp;
using static TorchSharp.torch;

namespace SuperTune.Training;

/// <summary>
/// One fine-tuning objective over one model, as <see cref="Trainer"/> drives it: how training batches are drawn,
/// what a batch costs, and how the model is scored for model selection. The trainer owns everything else
/// (optimizer, schedule, accumulation, clipping, logging, early stopping, best-epoch restore).
/// </summary>
public interface ITrainingTask
{
    /// <summary>The module being trained, whose trainable parameters the optimizer updates.</summary>
    nn.Module Model { get; }

    /// <summary>Number of training examples.</summary>
    int TrainCount { get; }

    /// <summary>Number of validation examples.</summary>
    int ValidationCount { get; }

    /// <summary>Name of <see cref="ValidationScores.Score"/> in logs and metrics, such as "macro_f1".</summary>
    string ScoreName { get; }

    /// <summary>Returns the micro-batches of training indices for an epoch, the same batches for the same epoch.</summary>
    IReadOnlyList<int[]> BatchesForEpoch(int epoch);

    /// <summary>
    /// Runs the forward pass of the training examples at <paramref name="indices"/> and returns their mean loss.
    /// The trainer calls it inside a dispose scope and runs backward on the result.
    /// </summary>
    BatchLoss Loss(IReadOnlyList<int> indices, Device device);

    /// <summary>Scores the model on the validation examples without gradients, higher being better.</summary>
    ValidationScores Validate(Device device);
}
