using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SuperTune.Server.Api;

namespace SuperTune.Server.Middleware;

/// <summary>
/// Logs one line per request: method, path, status, latency and text count. It logs neither headers, so the
/// API key never reaches the log, nor bodies.
/// </summary>
internal sealed class RequestLoggingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<RequestLoggingMiddleware> _logger;

    public RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await _next(context);
        }
        finally
        {
            int textCount = context.Items.TryGetValue(ClassifyEndpoint.TextCountItem, out object? count)
                ? (int)count!
                : 0;
            ServerLog.RequestCompleted(_logger, context.Request.Method, context.Request.Path.Value ?? "",
                context.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds, textCount);
        }
    }
}
