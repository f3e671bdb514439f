using System.Globalization;
using System.Text.Json.Serialization;

namespace SuperTune.Training.Search;

/// <summary>
/// The values one hyperparameter may take in a search: a list of choices, or a range from <see cref="Min"/> to
/// <see cref="Max"/> on a linear or logarithmic scale.
/// </summary>
public sealed record ParameterRange
{
    /// <summary>The choices, or null for a range.</summary>
    [JsonPropertyName("values")] public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Lower end of a range, included.</summary>
    [JsonPropertyName("min")] public double Min { get; init; }

    /// <summary>Upper end of a range, included.</summary>
    [JsonPropertyName("max")] public double Max { get; init; }

    /// <summary>Whether a range is sampled log-uniformly and its grid points are spaced by ratio, not difference.</summary>
    [JsonPropertyName("log")] public bool Log { get; init; }

    /// <summary>How many evenly spaced values of a range a grid search tries, both ends included.</summary>
    [JsonPropertyName("grid_points")] public int GridPoints { get; init; } = 3;

    /// <summary>Returns a list of choices.</summary>
    public static ParameterRange Choices(params double[] values) => new() { Values = values };

    /// <summary>Returns a range from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static ParameterRange Between(double min, double max, bool log, int gridPoints = 3) =>
        new() { Min = min, Max = max, Log = log, GridPoints = gridPoints };

    /// <summary>The smallest value this range can produce.</summary>
    [JsonIgnore] public double Lowest => Values?.Min() ?? Min;

    /// <summary>The largest value this range can produce.</summary>
    [JsonIgnore] public double Highest => Values?.Max() ?? Max;

    /// <summary>
    /// Returns the values a grid search tries: the choices, or <see cref="GridPoints"/> values from
    /// <see cref="Min"/> to <see cref="Max"/>. Range values are rounded to 3 significant digits, or to whole
    /// numbers when <paramref name="integer"/> is set, and repeats are dropped.
    /// </summary>
    public IReadOnlyList<double> GridValues(bool integer)
    {
        if (Values is not null) return Values.Distinct().ToList();
        if (Min >= Max || GridPoints == 1) return [Round(Min, integer)];

        var values = new List<double>();
        for (var i = 0; i < GridPoints; i++)
        {
            var share = i / (double)(GridPoints - 1);
            values.Add(Round(Interpolate(share), integer));
        }

        return values.Distinct().ToList();
    }

    /// <summary>
    /// Draws one value: a uniformly chosen choice, or a range value drawn uniformly (log-uniformly when
    /// <see cref="Log"/> is set) and rounded as <see cref="GridValues"/> rounds.
    /// </summary>
    public double Sample(Random random, bool integer) =>
        Values is not null ? Values[random.Next(Values.Count)] : Round(Interpolate(random.NextDouble()), integer);

    /// <summary>Adds a message to <paramref name="problems"/> for every invalid part, naming <paramref name="setting"/>.</summary>
    public void Validate(string setting, bool integer, Func<double, bool> isValid, string validText,
        List<string> problems)
    {
        if (Values is { Count: 0 }) problems.Add($"{setting} has an empty list of values");
        var ends = Values ?? [Min, Max];
        foreach (var value in ends)
        {
            if (!isValid(value)) problems.Add($"{setting} must be {validText}, got {Format(value)}");
            else if (integer && value != Math.Floor(value)) problems.Add($"{setting} must be a whole number, got {Format(value)}");
        }

        if (Values is not null) return;
        if (Min > Max) problems.Add($"{setting} has min {Format(Min)} above max {Format(Max)}");
        if (Log && Min <= 0) problems.Add($"{setting} is on a log scale, so min must be above 0, got {Format(Min)}");
        if (GridPoints < 1) problems.Add($"{setting} needs at least 1 grid point, got {GridPoints}");
        // Checked here because building the values of a huge axis before the grid-size check fills memory.
        if (GridPoints > TrialSampler.MaxGridSize)
        {
            problems.Add(
                $"{setting} has {GridPoints} grid points, more than a grid may have ({TrialSampler.MaxGridSize})");
        }
    }

    /// <summary>Returns a description for logs and reports, such as <c>2E-05 to 0.0005, log scale, 4 grid points</c>.</summary>
    public override string ToString() => Values is not null
        ? string.Join(", ", Values.Select(Format))
        : $"{Format(Min)} to {Format(Max)}, {(Log ? "log" : "linear")} scale, {GridPoints} grid points";

    private double Interpolate(double share) => Log
        ? Math.Exp(Math.Log(Min) + share * (Math.Log(Max) - Math.Log(Min)))
        : Min + share * (Max - Min);

    private double Round(double value, bool integer)
    {
        var rounded = integer
            ? Math.Round(value, MidpointRounding.AwayFromZero)
            : double.Parse(value.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return Math.Clamp(rounded, Min, Max);
    }

    private static string Format(double value) =>
        value.ToString("G", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
