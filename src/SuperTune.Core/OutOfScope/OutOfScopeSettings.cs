using System.Text.Json.Serialization;

namespace SuperTune.Core.OutOfScope;

/// <summary>
/// The out-of-scope rule of a model, tuned on validation data and stored under <c>supertune.out_of_scope</c> in
/// config.json. Prediction, serving and evaluation apply it to calibrated probabilities.
/// </summary>
public sealed record OutOfScopeSettings
{
    /// <summary>One of <see cref="OutOfScopeSchemes.All"/>.</summary>
    [JsonPropertyName("scheme")] public required string Scheme { get; init; }

    /// <summary>
    /// Minimum in-scope score (best probability for confidence, top-two gap for margin, 1 minus the out-of-scope
    /// label's probability for label) that a text needs to be accepted. The label scheme ignores it.
    /// </summary>
    [JsonPropertyName("threshold")] public double Threshold { get; init; }

    /// <summary>
    /// Name of the out-of-scope label (default "oos"). When the model has a class of this name, a text whose best
    /// label is that class is out of scope under every scheme; evaluation treats gold rows with it as out of scope.
    /// </summary>
    [JsonPropertyName("label")] public string Label { get; init; } = "oos";

    /// <summary>One of <see cref="OutOfScopeObjectives.All"/>: how the threshold was chosen.</summary>
    [JsonPropertyName("objective")] public string? Objective { get; init; }

    /// <summary>The in-scope precision aimed at with <see cref="OutOfScopeObjectives.TargetPrecision"/>.</summary>
    [JsonPropertyName("target_precision")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TargetPrecision { get; init; }

    /// <summary>The in-scope accuracy that <see cref="OutOfScopeObjectives.RecallAtAccuracy"/> could give up.</summary>
    [JsonPropertyName("max_accuracy_loss")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MaxAccuracyLoss { get; init; }

    /// <summary>Returns every problem of these settings, read from <paramref name="source"/>, in one message.</summary>
    /// <exception cref="SuperTuneException">The scheme is unknown, the threshold not finite or the label empty.</exception>
    public void Validate(string source)
    {
        var problems = new List<string>();
        if (!OutOfScopeSchemes.All.Contains(Scheme))
        {
            problems.Add($"scheme is \"{Scheme}\", expected {string.Join(", ", OutOfScopeSchemes.All)}");
        }

        if (!double.IsFinite(Threshold)) problems.Add($"threshold is {Threshold}, expected a finite number");
        if (string.IsNullOrWhiteSpace(Label)) problems.Add("label is empty");
        if (problems.Count == 0) return;

        throw new SuperTuneException($"{source}: invalid out_of_scope settings: {string.Join("; ", problems)}.",
            "Train the model again with the --oos-* options, or remove the out_of_scope entry to accept every text.");
    }
}
