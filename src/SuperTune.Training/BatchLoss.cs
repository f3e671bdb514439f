using static TorchSharp.torch;

namespace SuperTune.Training;

/// <summary>The mean loss of one micro-batch with the counts the trainer logs as throughput.</summary>
/// <param name="Value">Scalar loss tensor with gradients.</param>
/// <param name="Examples">Examples in the micro-batch.</param>
/// <param name="RealTokens">Non-padding tokens fed to the encoder.</param>
/// <param name="PaddedTokens">All tokens fed to the encoder, padding included.</param>
public sealed record BatchLoss(Tensor Value, int Examples, int RealTokens, int PaddedTokens);
