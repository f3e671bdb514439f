namespace SuperTune.Server.Api;

/// <summary>
/// Completes the problem details that ASP.NET Core writes itself: for routing failures (404, 405, and 415
/// when a body is not JSON) and for unhandled exceptions (500).
/// </summary>
internal static class StatusCodeProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        // Exception text and stack traces stay in the log.
        context.ProblemDetails.Extensions.Remove("exception");
        if (context.ProblemDetails.Detail is not null)
        {
            return;
        }

        HttpRequest request = context.HttpContext.Request;
        switch (context.ProblemDetails.Status)
        {
            case StatusCodes.Status404NotFound:
                context.ProblemDetails.Detail = $"No endpoint matches {request.Path}; /openapi/v1.json lists them.";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                context.ProblemDetails.Detail = $"{request.Method} is not allowed on {request.Path}.";
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                string message = $"The body must be JSON sent as application/json, not \"{request.ContentType}\".";
                context.ProblemDetails.Detail = message;
                context.ProblemDetails.Extensions["errors"] =
                    new Dictionary<string, string[]> { [Problems.Body] = [message] };
                break;
            case StatusCodes.Status500InternalServerError:
                context.ProblemDetails.Detail =
                    "The server failed to handle the request. The server log has the cause.";
                break;
        }
    }
}
