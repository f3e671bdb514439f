namespace SuperTune.Core.OutOfScope;

/// <summary>Names of the objectives that pick an out-of-scope threshold on validation data.</summary>
public static class OutOfScopeObjectives
{
    /// <summary>
    /// Maximise out-of-scope recall while in-scope accuracy stays within a stated loss
    /// (<see cref="OutOfScopeOptions.MaxAccuracyLoss"/>) of the accuracy without a threshold. It needs out-of-scope
    /// rows in the validation data and is the default when they are there.
    /// </summary>
    public const string RecallAtAccuracy = "recall-at-accuracy";

    /// <summary>
    /// Maximise in-scope accuracy plus out-of-scope recall. It needs out-of-scope rows in the validation data, and
    /// because it weighs them as much as all in-scope rows together, it gives up in-scope accuracy readily when
    /// out-of-scope rows are few.
    /// </summary>
    public const string AccuracyPlusRecall = "accuracy-plus-recall";

    /// <summary>
    /// The lowest threshold whose in-scope precision reaches the target: of the texts accepted as in scope, that
    /// share must get its correct label. Works without out-of-scope rows in the validation data.
    /// </summary>
    public const string TargetPrecision = "target-precision";

    /// <summary>Every objective.</summary>
    public static IReadOnlyList<string> All { get; } = [RecallAtAccuracy, AccuracyPlusRecall, TargetPrecision];

    /// <summary>Whether <paramref name="objective"/> needs out-of-scope rows in the validation data.</summary>
    public static bool NeedsOutOfScopeRows(string objective) => objective != TargetPrecision;
}
