using System.Collections.Concurrent;
using System.Net;

namespace SuperTune.Bench.Load;

/// <summary>Outcomes of the requests of one <see cref="AbuseKind"/>, counted from several loops at once.</summary>
public sealed class AbuseKindCounts
{
    private readonly ConcurrentDictionary<string, int> _unexpected = new();
    private int _sent;
    private int _expected;
    private int _closed;

    /// <summary>Requests sent.</summary>
    public int Sent => _sent;

    /// <summary>Requests that got the expected status.</summary>
    public int Expected => _expected;

    /// <summary>
    /// Oversized requests whose connection the server closed before a status arrived. Kestrel may do so after
    /// it rejects a body, so they count as rejected, not as errors.
    /// </summary>
    public int Closed => _closed;

    /// <summary>Requests that got another status, or an error, by status or exception type.</summary>
    public IReadOnlyDictionary<string, int> Unexpected => _unexpected;

    /// <summary>Number of requests that got neither the expected status nor a closed connection.</summary>
    public int UnexpectedCount => _unexpected.Values.Sum();

    /// <summary>Counts one request that got <paramref name="status"/> (null: closed connection).</summary>
    public void Add(HttpStatusCode? status, HttpStatusCode expected)
    {
        Interlocked.Increment(ref _sent);
        if (status == expected)
        {
            Interlocked.Increment(ref _expected);
        }
        else if (status is null)
        {
            Interlocked.Increment(ref _closed);
        }
        else
        {
            _unexpected.AddOrUpdate(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), 1,
                (_, count) => count + 1);
        }
    }

    /// <summary>Counts one request that failed with <paramref name="error"/> instead of a response.</summary>
    public void AddError(Exception error)
    {
        Interlocked.Increment(ref _sent);
        _unexpected.AddOrUpdate(error.GetType().Name, 1, (_, count) => count + 1);
    }
}
