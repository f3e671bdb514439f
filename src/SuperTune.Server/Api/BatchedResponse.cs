namespace SuperTune.Server.Api;

/// <summary>
/// Turns a request queued for a micro-batch into its response: the handler's 200 with the outcome, 503 when the
/// queue is full or the server stops first, and 500 without exception text when the model fails.
/// </summary>
internal static class BatchedResponse
{
    /// <param name="queued">The task from the batcher, or null when the queue was full.</param>
    /// <param name="respond">Builds the 200 response from the outcome.</param>
    /// <param name="failureTitle">The title of the 500 problem, such as "Classification failed.".</param>
    /// <param name="failureDetail">The detail of the 500 problem.</param>
    public static async Task<IResult> AwaitAsync<TOutcome>(HttpContext context, ServerOptions options,
        Task<TOutcome>? queued, Func<TOutcome, IResult> respond, string failureTitle, string failureDetail)
    {
        if (queued is null)
        {
            context.Response.Headers.RetryAfter = "1";
            return Problems.General(StatusCodes.Status503ServiceUnavailable, "The server is busy.",
                $"{options.MaxQueuedRequests} requests are already waiting; retry in a second.");
        }

        CancellationToken aborted = context.RequestAborted;
        try
        {
            return respond(await queued.WaitAsync(aborted));
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return Results.Empty; // The client disconnected, so no response is read.
        }
        catch (OperationCanceledException)
        {
            return Problems.General(StatusCodes.Status503ServiceUnavailable, "The server is shutting down.",
                "The request was queued when the server stopped; send it again.");
        }
        catch (Exception)
        {
            // The batcher logged the exception with the batch size.
            return Problems.General(StatusCodes.Status500InternalServerError, failureTitle, failureDetail);
        }
    }
}
