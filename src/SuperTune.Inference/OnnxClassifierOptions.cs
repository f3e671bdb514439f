namespace SuperTune.Inference;

/// <summary>Settings of an <see cref="OnnxClassifier"/> that are fixed when the model is loaded.</summary>
public sealed record OnnxClassifierOptions
{
    /// <summary>
    /// Threads that ONNX Runtime uses inside one operator, such as a MatMul. Default: the number of logical
    /// processors. Lower it when several processes share the machine.
    /// </summary>
    public int IntraOpThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Maximum number of texts in one ONNX Runtime run (default 32). Longer lists are split, shortest texts
    /// first, so each run pads its texts to a similar length.
    /// </summary>
    public int MaxBatchSize { get; init; } = 32;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(IntraOpThreads, 1, nameof(IntraOpThreads));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
    }
}
