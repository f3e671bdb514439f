namespace SuperTune.Core.OutOfScope;

/// <summary>Names of the out-of-scope detection schemes, as written in config.json and on the command line.</summary>
public static class OutOfScopeSchemes
{
    /// <summary>A text is out of scope when the model's best label is the out-of-scope label itself.</summary>
    public const string Label = "label";

    /// <summary>
    /// A text is out of scope when the calibrated probability of its best in-scope label is below the threshold.
    /// </summary>
    public const string Confidence = "confidence";

    /// <summary>
    /// A text is out of scope when the best in-scope probability exceeds the second best by less than the threshold.
    /// </summary>
    public const string Margin = "margin";

    /// <summary>The three schemes in the order reports list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Label, Confidence, Margin];
}
