namespace SuperTune.Core.OutOfScope;

/// <summary>Names of the objectives that pick an out-of-scope threshold on validation data.</summary>
public static class OutOfScopeObjectives
{
    /// <summary>
    /// Maximise in-scope accuracy plus out-of-scope recall. It needs out-of-scope rows in the validation data.
    /// </summary>
    public const string AccuracyPlusRecall = "accuracy-plus-recall";

    /// <summary>
    /// The lowest threshold whose in-scope precision reaches the target: of the texts accepted as in scope, that
    /// share must get its correct label. Works without out-of-scope rows in the validation data.
    /// </summary>
    public const string TargetPrecision = "target-precision";

    /// <summary>Both objectives.</summary>
    public static IReadOnlyList<string> All { get; } = [AccuracyPlusRecall, TargetPrecision];
}
