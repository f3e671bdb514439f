using System.Security.Cryptography;
using System.Text;
using SuperTune.Server.Api;

namespace SuperTune.Server.Middleware;

/// <summary>
/// Rejects with 401 every request without the right <c>X-API-Key</c> header, except the health probes, the
/// OpenAPI document and the chat page, which is static and asks for the key itself. Keys are compared as SHA-256 hashes in constant time, so neither the time taken nor
/// the key's length reveals to a client how close its guess was.
/// </summary>
internal sealed class ApiKeyMiddleware
{
    /// <summary>Request header that carries the key.</summary>
    public const string HeaderName = "X-API-Key";

    private static readonly string[] OpenPaths =
        [HealthEndpoints.HealthPath, HealthEndpoints.ReadyPath, "/openapi/v1.json", Chat.ChatPage.Path];

    private readonly RequestDelegate _next;
    private readonly byte[] _keyHash;

    public ApiKeyMiddleware(RequestDelegate next, string apiKey)
    {
        _next = next;
        _keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (IsOpen(context.Request.Path) || HasKey(context.Request))
        {
            return _next(context);
        }

        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
        return Problems.General(StatusCodes.Status401Unauthorized, "API key required.",
            $"Send the server's API key in the {HeaderName} header.").ExecuteAsync(context);
    }

    private static bool IsOpen(PathString path) =>
        OpenPaths.Any(open => path.Equals(open, StringComparison.OrdinalIgnoreCase));

    private bool HasKey(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1)
        {
            return false;
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(values[0] ?? ""));
        return CryptographicOperations.FixedTimeEquals(hash, _keyHash);
    }
}
