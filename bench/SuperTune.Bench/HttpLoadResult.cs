namespace SuperTune.Bench;

/// <summary>Outcome of an <see cref="HttpLoad"/> run.</summary>
/// <param name="Requests">Requests completed, failed ones included.</param>
/// <param name="Failed">Requests that got a status other than 200 or threw.</param>
/// <param name="Seconds">Wall-clock time from the first request to the last response.</param>
/// <param name="LatenciesMs">Latency of each successful request, in milliseconds, sorted ascending.</param>
/// <param name="WorkingSetMb">Working set of the process in MB, sampled once a second.</param>
public sealed record HttpLoadResult(int Requests, int Failed, double Seconds, double[] LatenciesMs,
    IReadOnlyList<double> WorkingSetMb)
{
    /// <summary>Requests per second, failed ones included.</summary>
    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>Texts classified per second: successful requests, one text each.</summary>
    public double SentencesPerSecond => (Requests - Failed) / Seconds;

    /// <summary>Returns the latency at quantile <paramref name="q"/> (0..1) by the nearest-rank method.</summary>
    public double Percentile(double q) => LatenciesMs.Length == 0
        ? double.NaN
        : LatenciesMs[Math.Clamp((int)Math.Ceiling(q * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];
}
