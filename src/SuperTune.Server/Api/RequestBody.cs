using System.Buffers;
using System.Text.Json;

namespace SuperTune.Server.Api;

/// <summary>Reads a JSON request body within the size limit, mapping every failure to a problem result.</summary>
internal static class RequestBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 16 };

    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Returns the parsed body, or a problem result instead: 415 for a content type other
    /// than JSON, 413 above <paramref name="limit"/> bytes, 400 for malformed JSON. An empty body gives null
    /// and no problem when <paramref name="allowEmpty"/> is true.
    /// </summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadJsonAsync(HttpContext context,
        long limit, bool allowEmpty)
    {
        // NOTE: sending the 413 before the body is read makes Kestrel close the connection, so a client that is
        // still sending may see a reset instead of the 413. Clients that send Expect: 100-continue, as curl
        // does for large bodies, get the 413 before they send the body.
        HttpRequest request = context.Request;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        byte[]? body;
        try
        {
            body = await ReadLimitedAsync(request.Body, limit, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel throws this when the body ends before its Content-Length (400) or arrives slower than
            // its minimum data rate (408). ASP.NET Core 10's exception handler would log it as an unhandled
            // error and respond 500.
            return (null, Problems.Field(e.StatusCode, "The request body could not be read.", Problems.Body,
                e.StatusCode == StatusCodes.Status408RequestTimeout
                    ? "The request body arrived too slowly; send it at once."
                    : "The request body ended before its Content-Length; send the whole body."));
        }

        if (body is null)
        {
            return (null, TooLarge(limit));
        }

        if (body.Length == 0)
        {
            return allowEmpty
                ? (null, null)
                : (null, Problems.Invalid(Problems.Body, "The request body is empty; send a JSON object."));
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.Field(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                Problems.Body, $"The body must be JSON sent as application/json, not \"{request.ContentType}\"."));
        }

        // A UTF-8 byte order mark is legal before JSON text but System.Text.Json rejects it, so it is skipped.
        ReadOnlyMemory<byte> json = body.AsSpan().StartsWith(Utf8ByteOrderMark) ? body.AsMemory(3) : body;

        // JsonDocument validates UTF-8 only when a string is read, which would surface as a 500 later.
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            return (null, Problems.Invalid(Problems.Body, "The request body is not valid UTF-8; send JSON encoded as UTF-8."));
        }

        try
        {
            return (JsonDocument.Parse(json, ParseOptions), null);
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1;
            long position = (e.BytePositionInLine ?? 0) + 1;
            return (null, Problems.Invalid(Problems.Body,
                $"The request body is not valid JSON (line {line}, byte {position} of that line)."));
        }
    }

    // Returns null when the body has more than limit bytes.
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (memory.Length + read > limit)
                {
                    return null;
                }

                memory.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return memory.ToArray();
    }

    private static IResult TooLarge(long limit) => Problems.Field(StatusCodes.Status413PayloadTooLarge,
        "The request body is too large.", Problems.Body,
        $"The request body is larger than {limit} bytes; send fewer or shorter texts per request.");
}
