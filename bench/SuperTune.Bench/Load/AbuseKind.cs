namespace SuperTune.Bench.Load;

/// <summary>Kinds of request in the load mix of <see cref="AbuseLoad"/>, each with the status it must get.</summary>
public enum AbuseKind
{
    /// <summary>A body over the size limit announced by Content-Length with Expect: 100-continue: 413.</summary>
    OversizedBody,

    /// <summary>A body over the size limit sent chunked, so only reading finds its size: 413.</summary>
    OversizedChunkedBody,

    /// <summary>A body that is not complete JSON: 400.</summary>
    MalformedJson,

    /// <summary>JSON nested deeper than the parser allows: 400.</summary>
    DeepJson,

    /// <summary>A body with bytes that are not UTF-8: 400.</summary>
    InvalidUtf8,

    /// <summary>A valid request without the X-API-Key header: 401.</summary>
    MissingApiKey,

    /// <summary>A valid request with a wrong X-API-Key header: 401.</summary>
    WrongApiKey,

    /// <summary>A valid request whose body arrives one byte at a time: 200.</summary>
    SlowClient,

    /// <summary>
    /// A request that sends half its body and stops: 408 once the body has arrived slower than Kestrel's
    /// minimum data rate (240 bytes/s after a grace period of 5 s by default).
    /// </summary>
    StalledBody,
}
