using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace SuperTune.Bench.Load;

/// <summary>Sends one request of an <see cref="AbuseKind"/> to the server and returns the status it got.</summary>
public sealed class AbuseClient(HttpClient client, Uri address, string apiKey, long maxBodyBytes)
{
    private const string ClassifyPath = "/v1/classify";
    private const string ApiKeyHeader = "X-API-Key";

    /// <summary>Time between two body bytes of a <see cref="AbuseKind.SlowClient"/> request.</summary>
    public TimeSpan SlowByteInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns the status that a request of <paramref name="kind"/> must get.</summary>
    public static HttpStatusCode ExpectedStatus(AbuseKind kind) => kind switch
    {
        AbuseKind.OversizedBody or AbuseKind.OversizedChunkedBody => HttpStatusCode.RequestEntityTooLarge,
        AbuseKind.MalformedJson or AbuseKind.DeepJson or AbuseKind.InvalidUtf8 => HttpStatusCode.BadRequest,
        AbuseKind.MissingApiKey or AbuseKind.WrongApiKey => HttpStatusCode.Unauthorized,
        AbuseKind.SlowClient => HttpStatusCode.OK,
        AbuseKind.StalledBody => HttpStatusCode.RequestTimeout,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Returns the JSON body of a valid request for <paramref name="text"/>.</summary>
    public static string ClassifyBody(string text) => JsonSerializer.Serialize(new { texts = new[] { text } });

    /// <summary>
    /// Sends one request and returns its status. A connection that the server closes or resets before a
    /// status line arrives, which Kestrel may do after rejecting an oversized body, returns null.
    /// </summary>
    public async Task<HttpStatusCode?> SendAsync(AbuseKind kind, string text, CancellationToken cancellation)
    {
        if (kind is AbuseKind.SlowClient or AbuseKind.StalledBody)
        {
            byte[] body = Encoding.UTF8.GetBytes(ClassifyBody(text));
            return await SendSlowlyAsync(body, stall: kind == AbuseKind.StalledBody, cancellation);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, ClassifyPath) { Content = Content(kind, text) };
        if (kind == AbuseKind.WrongApiKey)
        {
            request.Headers.Add(ApiKeyHeader, apiKey + "-wrong");
        }
        else if (kind != AbuseKind.MissingApiKey)
        {
            request.Headers.Add(ApiKeyHeader, apiKey);
        }

        request.Headers.ExpectContinue = kind == AbuseKind.OversizedBody;
        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, cancellation);
            await response.Content.ReadAsByteArrayAsync(cancellation);
            return response.StatusCode;
        }
        catch (HttpRequestException) when (kind is AbuseKind.OversizedBody or AbuseKind.OversizedChunkedBody)
        {
            return null;
        }
    }

    // Built once, so that the client's own allocations do not slow the valid requests that it measures.
    private readonly byte[] _oversizedBody =
        Encoding.UTF8.GetBytes(ClassifyBody(new string('a', (int)maxBodyBytes + 1024)));

    private readonly byte[] _deepBody = Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000));

    private HttpContent Content(AbuseKind kind, string text)
    {
        byte[] body = kind switch
        {
            AbuseKind.OversizedBody or AbuseKind.OversizedChunkedBody => _oversizedBody,
            AbuseKind.MalformedJson => Encoding.UTF8.GetBytes("{\"texts\": [\"" + text + "\""),
            AbuseKind.DeepJson => _deepBody,
            AbuseKind.InvalidUtf8 => [.. "{\"text\": \""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8],
            _ => Encoding.UTF8.GetBytes(ClassifyBody(text)),
        };

        HttpContent content = kind == AbuseKind.OversizedChunkedBody
            ? new StreamContent(new UnknownLengthStream(body))
            : new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    // Writes the request on a raw socket, the body one byte per interval, and reads the status line. A stalled
    // request stops after half of its body and waits for the server to give up on the rest.
    private async Task<HttpStatusCode?> SendSlowlyAsync(byte[] body, bool stall, CancellationToken cancellation)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port, cancellation);
        NetworkStream stream = socket.GetStream();
        string head = $"POST {ClassifyPath} HTTP/1.1\r\nHost: {address.Authority}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n{ApiKeyHeader}: {apiKey}\r\n"
            + "Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellation);
        for (int i = 0; i < (stall ? body.Length / 2 : body.Length); i++)
        {
            await stream.WriteAsync(body.AsMemory(i, 1), cancellation);
            await stream.FlushAsync(cancellation);
            await Task.Delay(SlowByteInterval, cancellation);
        }

        using var reader = new StreamReader(stream, Encoding.ASCII);
        string? statusLine = await reader.ReadLineAsync(cancellation);
        string[] parts = statusLine?.Split(' ') ?? [];
        return parts.Length >= 2 && int.TryParse(parts[1], out int status) ? (HttpStatusCode)status : null;
    }

    /// <summary>A stream whose length is unknown, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
