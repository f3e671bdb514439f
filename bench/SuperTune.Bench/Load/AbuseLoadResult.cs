using System.Globalization;
using System.Text;

namespace SuperTune.Bench.Load;

/// <summary>Outcome of an <see cref="AbuseLoad"/> run and the checks it must pass.</summary>
public sealed record AbuseLoadResult
{
    /// <summary>Valid requests alone.</summary>
    public required HttpLoadResult Unloaded { get; init; }

    /// <summary>Valid requests of every mixed round together, sent beside the abusive ones.</summary>
    public required HttpLoadResult Mixed { get; init; }

    /// <summary>Outcomes of the abusive requests by kind.</summary>
    public required IReadOnlyDictionary<AbuseKind, AbuseKindCounts> Abuse { get; init; }

    /// <summary>Resident memory of the server in MB after warm-up and after each mixed round.</summary>
    public required IReadOnlyList<double> ResidentMb { get; init; }

    /// <summary>Statuses of the slow requests that were in flight when SIGTERM arrived (null: no response).</summary>
    public required IReadOnlyList<int?> InFlightStatuses { get; init; }

    /// <summary>Exit code of the server after SIGTERM, or null when it did not exit within the time limit.</summary>
    public required int? ExitCode { get; init; }

    /// <summary>Seconds from SIGTERM to the exit of the server.</summary>
    public required double ShutdownSeconds { get; init; }

    /// <summary>Whether the server's log contains the API key.</summary>
    public required bool LogContainsApiKey { get; init; }

    /// <summary>Number of distinct request texts found in the server's log.</summary>
    public required int TextsInLog { get; init; }

    /// <summary>
    /// Maximum growth of resident memory from the first mixed round to the last: 64 MB or a quarter of the
    /// first reading, whichever is larger. The first round takes the warm-up growth (heap sizing, pools), so
    /// a server that keeps growing after it fails the check.
    /// </summary>
    public double AllowedGrowthMb => Math.Max(64, ResidentMb[1] / 4);

    /// <summary>Lists every failed check, empty when the run passed. The p99 ratio is checked by the caller.</summary>
    public IReadOnlyList<string> Problems(bool textLoggingOn)
    {
        var problems = new List<string>();
        if (Unloaded.Failed > 0) problems.Add($"{Unloaded.Failed} unloaded valid requests failed");
        if (Mixed.Failed > 0) problems.Add($"{Mixed.Failed} valid requests failed under the mix");
        foreach ((AbuseKind kind, AbuseKindCounts counts) in Abuse)
        {
            if (counts.UnexpectedCount > 0)
            {
                string statuses = string.Join(", ", counts.Unexpected.Select(pair => $"{pair.Key} x{pair.Value}"));
                problems.Add($"{kind}: {counts.UnexpectedCount} requests got {statuses}");
            }
        }

        double growth = ResidentMb[^1] - ResidentMb[1];
        if (growth > AllowedGrowthMb)
        {
            problems.Add($"resident memory grew {growth:F0} MB over the mixed rounds ({Format(ResidentMb)} MB)");
        }

        int finished = InFlightStatuses.Count(status => status == 200);
        if (finished != InFlightStatuses.Count)
        {
            string statuses = string.Join(", ", InFlightStatuses.Select(status => status?.ToString() ?? "none"));
            problems.Add($"{InFlightStatuses.Count - finished} of {InFlightStatuses.Count} requests in flight at "
                + $"SIGTERM did not get 200 ({statuses})");
        }

        if (ExitCode != 0) problems.Add($"the server exited with {ExitCode?.ToString() ?? "no exit (timed out)"}");
        if (LogContainsApiKey) problems.Add("the server log contains the API key");
        if (!textLoggingOn && TextsInLog > 0) problems.Add($"the server log contains {TextsInLog} request texts");
        return problems;
    }

    /// <summary>Returns the p99 latency under the mix over the unloaded p99.</summary>
    public double P99Ratio => Mixed.Percentile(0.99) / Unloaded.Percentile(0.99);

    /// <summary>Formats the run as a Markdown table of requests by kind and a list of the other measures.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"| requests | sent | expected status | closed | unexpected |");
        Line($"|---|---:|---:|---:|---|");
        foreach ((string name, HttpLoadResult valid) in new[] { ("unloaded", Unloaded), ("under the mix", Mixed) })
        {
            Line($"| valid, {name} (200) | {valid.Requests} | {valid.Requests - valid.Failed} | 0 | {valid.Failed} |");
        }

        foreach ((AbuseKind kind, AbuseKindCounts counts) in Abuse)
        {
            string unexpected = counts.UnexpectedCount == 0
                ? "0"
                : string.Join(", ", counts.Unexpected.Select(pair => $"{pair.Key} x{pair.Value}"));
            int expected = (int)AbuseClient.ExpectedStatus(kind);
            Line($"| {kind} ({expected}) | {counts.Sent} | {counts.Expected} | {counts.Closed} | {unexpected} |");
        }

        Line($"");
        Line($"- valid latency unloaded: p50 {Unloaded.Percentile(0.5):F1} ms, p99 {Unloaded.Percentile(0.99):F1} ms");
        Line($"- valid latency under the mix: p50 {Mixed.Percentile(0.5):F1} ms, p99 {Mixed.Percentile(0.99):F1} ms");
        Line($"- p99 under the mix over unloaded p99: {P99Ratio:F2}x");
        Line($"- server resident memory after warm-up and each round: {Format(ResidentMb)} MB");
        Line($"- allowed growth over the rounds: {AllowedGrowthMb:F0} MB");
        int finished = InFlightStatuses.Count(status => status == 200);
        string exit = ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none";
        Line($"- SIGTERM with {InFlightStatuses.Count} slow requests in flight: {finished} got 200");
        Line($"- exit code {exit}, {ShutdownSeconds:F1} s after SIGTERM");
        Line($"- server log: API key {(LogContainsApiKey ? "present" : "absent")}, request texts found {TextsInLog}");
        return text.ToString();
    }

    private static string Format(IEnumerable<double> values) =>
        string.Join(" / ", values.Select(value => value.ToString("F0", CultureInfo.InvariantCulture)));
}
