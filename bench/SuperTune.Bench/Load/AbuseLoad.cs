using System.Diagnostics;
using System.Net;

namespace SuperTune.Bench.Load;

/// <summary>
/// Load and abuse test of a <see cref="ServerProcess"/> on 127.0.0.1. Each round sends valid requests alone,
/// then the same number beside loops of every <see cref="AbuseKind"/>, so that both latencies see the same
/// machine load. SIGTERM then arrives while slow valid requests are in flight. Every phase is bounded in
/// requests and time, so the run ends by itself.
/// </summary>
public static class AbuseLoad
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(30);

    /// <summary>Runs the phases against <paramref name="server"/>, which has exited when this returns.</summary>
    public static async Task<AbuseLoadResult> RunAsync(ServerProcess server, AbuseLoadSettings settings)
    {
        // Warm-up: the first requests pay for JIT compilation and ONNX Runtime's first allocations.
        await HttpLoad.RunAsync(server.Address, settings.Texts, settings.ValidClients,
            Math.Max(settings.ValidRequests / 5, 50), settings.PhaseLimit, settings.ApiKey);

        var abuse = Enum.GetValues<AbuseKind>()
            .Where(kind => kind != AbuseKind.StalledBody || settings.StalledClients > 0)
            .ToDictionary(kind => kind, _ => new AbuseKindCounts());
        var residentMb = new List<double> { server.ResidentMegabytes() };
        var unloadedRounds = new List<HttpLoadResult>();
        var mixedRounds = new List<HttpLoadResult>();
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        var abuser = new AbuseClient(client, server.Address, settings.ApiKey, settings.MaxBodyBytes)
        {
            SlowByteInterval = settings.SlowByteInterval,
        };
        for (int round = 0; round < settings.Rounds; round++)
        {
            unloadedRounds.Add(await HttpLoad.RunAsync(server.Address, settings.Texts, settings.ValidClients,
                settings.ValidRequests, settings.PhaseLimit, settings.ApiKey));
            mixedRounds.Add(await RunMixedRoundAsync(server, settings, abuser, abuse, round));
            residentMb.Add(server.ResidentMegabytes());
        }

        (IReadOnlyList<int?> inFlight, int? exitCode, double shutdownSeconds) =
            await TerminateWithRequestsInFlightAsync(server, settings, abuser);

        string log = server.Log;
        return new AbuseLoadResult
        {
            Unloaded = Combine(unloadedRounds),
            Mixed = Combine(mixedRounds),
            Abuse = abuse,
            ResidentMb = residentMb,
            InFlightStatuses = inFlight,
            ExitCode = exitCode,
            ShutdownSeconds = shutdownSeconds,
            LogContainsApiKey = log.Contains(settings.ApiKey, StringComparison.Ordinal),
            TextsInLog = settings.Texts.Distinct().Count(text => log.Contains(text, StringComparison.Ordinal)),
        };
    }

    // Sends the valid requests of one round while the abuse loops run, and stops the loops when they are done.
    private static async Task<HttpLoadResult> RunMixedRoundAsync(ServerProcess server, AbuseLoadSettings settings,
        AbuseClient abuser, Dictionary<AbuseKind, AbuseKindCounts> abuse, int round)
    {
        // Stopping ends the loops, but a request already sent runs until its response arrives and is counted.
        using var limit = new CancellationTokenSource(settings.PhaseLimit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
        AbuseKind[] kinds =
            [.. Enum.GetValues<AbuseKind>().Where(kind => kind is not (AbuseKind.SlowClient or AbuseKind.StalledBody))];
        IEnumerable<Task> fastLoops = Enumerable.Range(0, settings.AbuseClients).Select(loop =>
            Task.Run(() => AbuseLoopAsync(abuser, abuse, settings, i => kinds[i % kinds.Length], loop + round,
                stop.Token, limit.Token)));
        IEnumerable<Task> slowLoops = Enumerable.Range(0, settings.SlowClients).Select(loop =>
            Task.Run(() => AbuseLoopAsync(abuser, abuse, settings, _ => AbuseKind.SlowClient, loop + round,
                stop.Token, limit.Token)));
        IEnumerable<Task> stalledLoops = Enumerable.Range(0, settings.StalledClients).Select(loop =>
            Task.Run(() => AbuseLoopAsync(abuser, abuse, settings, _ => AbuseKind.StalledBody, loop + round,
                stop.Token, limit.Token)));
        Task[] loops = [.. fastLoops, .. slowLoops, .. stalledLoops];

        HttpLoadResult valid = await HttpLoad.RunAsync(server.Address, settings.Texts, settings.ValidClients,
            settings.ValidRequests, settings.PhaseLimit, settings.ApiKey);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        return valid;
    }

    private static async Task AbuseLoopAsync(AbuseClient abuser, Dictionary<AbuseKind, AbuseKindCounts> abuse,
        AbuseLoadSettings settings, Func<int, AbuseKind> kindOf, int first, CancellationToken stop,
        CancellationToken limit)
    {
        for (int i = first; !stop.IsCancellationRequested; i++)
        {
            AbuseKind kind = kindOf(i);
            string text = settings.Texts[i % settings.Texts.Count];
            try
            {
                abuse[kind].Add(await abuser.SendAsync(kind, text, limit), AbuseClient.ExpectedStatus(kind));
                await Task.Delay(settings.AbusePause, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The round is over, or its time limit cut the request short.
            }
            catch (Exception e) when (e is HttpRequestException or IOException
                or System.Net.Sockets.SocketException or TaskCanceledException)
            {
                abuse[kind].AddError(e);
            }
        }
    }

    // Starts slow valid requests, sends SIGTERM once their bodies are under way, and waits for them and the exit.
    private static async Task<(IReadOnlyList<int?> Statuses, int? ExitCode, double Seconds)>
        TerminateWithRequestsInFlightAsync(ServerProcess server, AbuseLoadSettings settings, AbuseClient abuser)
    {
        using var limit = new CancellationTokenSource(settings.PhaseLimit);
        Task<HttpStatusCode?>[] slow = [.. Enumerable.Range(0, settings.InFlightAtShutdown).Select(i =>
            abuser.SendAsync(AbuseKind.SlowClient, settings.Texts[i % settings.Texts.Count], limit.Token))];

        // A slow body of about 40 bytes takes 40 intervals, so a quarter of it is surely under way.
        await Task.Delay(settings.SlowByteInterval * 10);
        var clock = Stopwatch.StartNew();
        server.Terminate();

        var statuses = new List<int?>();
        foreach (Task<HttpStatusCode?> request in slow)
        {
            try
            {
                statuses.Add((int?)await request);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException
                or OperationCanceledException)
            {
                statuses.Add(null);
            }
        }

        int? exitCode = await server.WaitForExitAsync(ExitLimit);
        return (statuses, exitCode, clock.Elapsed.TotalSeconds);
    }

    private static HttpLoadResult Combine(IReadOnlyList<HttpLoadResult> rounds)
    {
        double[] latencies = [.. rounds.SelectMany(round => round.LatenciesMs)];
        Array.Sort(latencies);
        return new HttpLoadResult(rounds.Sum(round => round.Requests), rounds.Sum(round => round.Failed),
            rounds.Sum(round => round.Seconds), latencies, [.. rounds.SelectMany(round => round.WorkingSetMb)]);
    }
}
