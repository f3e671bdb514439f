using System.Text.Json.Serialization;

namespace SuperTune.Training.Search;

/// <summary>The outcome of training one trial in one successive-halving rung.</summary>
public sealed record TrialResult
{
    [JsonPropertyName("trial")] public required int Trial { get; init; }

    /// <summary>Successive-halving rung, from 0.</summary>
    [JsonPropertyName("rung")] public required int Rung { get; init; }

    /// <summary>Epochs this run was trained for.</summary>
    [JsonPropertyName("epochs")] public required int Epochs { get; init; }

    /// <summary>Validation macro F1 of the best epoch, the score that ranks trials; null when the run failed.</summary>
    [JsonPropertyName("validation_macro_f1")] public double? Score { get; init; }

    [JsonPropertyName("validation_accuracy")] public double? Accuracy { get; init; }

    /// <summary>The epoch whose weights the run kept, chosen by validation macro F1.</summary>
    [JsonPropertyName("best_epoch")] public int BestEpoch { get; init; }

    /// <summary>Wall-clock seconds of the run: model load, training, validation and saving.</summary>
    [JsonPropertyName("seconds")] public double Seconds { get; init; }

    /// <summary>Why the run failed, or null.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>
    /// The earlier rung whose result this one repeats without training, or null for a run that trained. A trial
    /// that reached its own epochs in an earlier rung would only repeat that run.
    /// </summary>
    [JsonPropertyName("reused_from_rung")] public int? ReusedFromRung { get; init; }

    /// <summary>Returns the error, or a note that the result was reused, for the results tables.</summary>
    [JsonIgnore]
    public string Note => Error ?? (ReusedFromRung is { } rung ? $"same run as rung {rung}, not trained again" : "");

    /// <summary>Orders results best first: higher score, then higher accuracy, then the earlier trial; failures last.</summary>
    public static IComparer<TrialResult> BestFirst { get; } = Comparer<TrialResult>.Create((a, b) =>
    {
        var byScore = (b.Score ?? double.NegativeInfinity).CompareTo(a.Score ?? double.NegativeInfinity);
        if (byScore != 0) return byScore;
        var byAccuracy = (b.Accuracy ?? double.NegativeInfinity).CompareTo(a.Accuracy ?? double.NegativeInfinity);
        return byAccuracy != 0 ? byAccuracy : a.Trial.CompareTo(b.Trial);
    });
}
