using System.Globalization;

namespace SuperTune.Core.OutOfScope;

/// <summary>Whether a text is out of scope, and why.</summary>
/// <param name="OutOfScope">True when the model's rule rejects the text.</param>
/// <param name="Reason">Why it was rejected, such as "confidence 0.312 is below the threshold 0.450"; else null.
/// </param>
public sealed record OutOfScopeVerdict(bool OutOfScope, string? Reason)
{
    /// <summary>The verdict for a model without an out-of-scope rule: always in scope.</summary>
    public static OutOfScopeVerdict InScope { get; } = new(false, null);

    /// <summary>
    /// Applies <paramref name="settings"/> to calibrated <paramref name="probabilities"/> over
    /// <paramref name="labels"/>. Returns <see cref="InScope"/> when <paramref name="settings"/> is null.
    /// </summary>
    public static OutOfScopeVerdict Decide(OutOfScopeSettings? settings, IReadOnlyList<string> labels,
        ReadOnlySpan<float> probabilities)
    {
        if (settings is null) return InScope;

        var outOfScopeIndex = IndexOf(labels, settings.Label);
        var score = SchemeScore.Compute(settings.Scheme, probabilities, outOfScopeIndex);
        if (score.PredictedOutOfScopeLabel)
        {
            return new OutOfScopeVerdict(true, $"the best label is \"{settings.Label}\"");
        }

        if (!score.IsOutOfScope(settings.Scheme, settings.Threshold)) return InScope;
        var name = settings.Scheme == OutOfScopeSchemes.Margin ? "margin between the top two labels" : "confidence";
        return new OutOfScopeVerdict(true, string.Create(CultureInfo.InvariantCulture,
            $"{name} {score.Score:0.000} is below the threshold {settings.Threshold:0.000}"));
    }

    /// <summary>Returns the class index of <paramref name="label"/>, or -1 when the model has no such class.</summary>
    public static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal)) return i;
        }

        return -1;
    }
}
