using SuperTune.Core;

namespace SuperTune.Training.FewShot;

/// <summary>The <c>--mode</c> values of <c>supertune train</c> and the rule behind "auto".</summary>
public static class TrainingModes
{
    /// <summary>Few-shot when the smallest label has fewer than <see cref="FewShotBelow"/> examples, else standard.</summary>
    public const string Auto = "auto";

    /// <summary>Cross-entropy fine-tuning of encoder and head together.</summary>
    public const string Standard = "standard";

    /// <summary>Contrastive encoder tuning on pairs, then the head, then an optional end-to-end pass.</summary>
    public const string FewShot = "few-shot";

    /// <summary>
    /// Label size below which auto picks few-shot. NOTE: a rule of thumb for where cross-entropy fine-tuning starts to
    /// overfit, not a boundary measured on this project's benchmarks.
    /// </summary>
    public const int FewShotBelow = 20;

    /// <summary>Every mode, for help text and validation.</summary>
    public static IReadOnlyList<string> All { get; } = [Auto, Standard, FewShot];

    /// <summary>Returns standard or few-shot for <paramref name="mode"/> and the training examples per label.</summary>
    /// <exception cref="SuperTuneException">An unknown mode.</exception>
    public static string Resolve(string mode, IReadOnlyDictionary<string, int> countByLabel) => mode switch
    {
        Standard or FewShot => mode,
        Auto => countByLabel.Count > 0 && countByLabel.Values.Min() < FewShotBelow ? FewShot : Standard,
        _ => throw new SuperTuneException($"--mode {mode} is not a training mode.",
            $"Use {string.Join(", ", All)}."),
    };
}
