namespace SuperTune.Bench.Load;

/// <summary>Size of an <see cref="AbuseLoad"/> run. Every count and time is a bound, so a run always ends.</summary>
public sealed record AbuseLoadSettings
{
    /// <summary>Texts of the valid requests, one per request, cycled.</summary>
    public required IReadOnlyList<string> Texts { get; init; }

    /// <summary>API key that the server requires.</summary>
    public required string ApiKey { get; init; }

    /// <summary>Concurrent loops of valid requests, in the unloaded and the mixed phase alike (default 4).</summary>
    public int ValidClients { get; init; } = 4;

    /// <summary>Valid requests sent alone and again beside the abuse in each round (default 1,000).</summary>
    public int ValidRequests { get; init; } = 1000;

    /// <summary>Concurrent loops of every abusive kind but slow clients in the mixed phase (default 4).</summary>
    public int AbuseClients { get; init; } = 4;

    /// <summary>Concurrent loops of slow valid requests in the mixed phase (default 2).</summary>
    public int SlowClients { get; init; } = 2;

    /// <summary>
    /// Concurrent loops of requests that stop halfway through their body (default 0). Each waits for the 408
    /// after Kestrel's grace period of 5 s, which makes every round last at least that long.
    /// </summary>
    public int StalledClients { get; init; }

    /// <summary>Pause of an abuse loop between two requests (default 5 ms).</summary>
    public TimeSpan AbusePause { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Rounds of unloaded and mixed requests, with resident memory read after each (default 3).</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Slow valid requests in flight when SIGTERM arrives (default 6).</summary>
    public int InFlightAtShutdown { get; init; } = 6;

    /// <summary>Time between two body bytes of a slow client (default 20 ms).</summary>
    public TimeSpan SlowByteInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Maximum time of each phase, after which it stops sending (default 2 minutes).</summary>
    public TimeSpan PhaseLimit { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Request body limit of the server, 1 MiB by default as in ServerOptions.</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;
}
