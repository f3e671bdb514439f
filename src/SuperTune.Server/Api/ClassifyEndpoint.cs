using System.Text.Json;
using Microsoft.Extensions.Logging;
using SuperTune.Core.Redaction;
using SuperTune.Inference;
using SuperTune.Server.Batching;

namespace SuperTune.Server.Api;

/// <summary><c>POST /v1/classify</c>: labels one text or a list of texts through the micro-batcher.</summary>
internal static class ClassifyEndpoint
{
    /// <summary>Key in <see cref="HttpContext.Items"/> of the request's text count, for the request log.</summary>
    public const string TextCountItem = "SuperTune.TextCount";

    public static void MapClassify(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/classify", HandleAsync)
            .WithName("Classify")
            .WithSummary("Classifies texts with the served model.")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<ClassifyResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ClassifyBatcher batcher,
        ServerOptions options, ILoggerFactory loggers)
    {
        (JsonDocument? document, IResult? problem) =
            await RequestBody.ReadJsonAsync(context, options.MaxRequestBodyBytes, allowEmpty: false);
        if (problem is not null)
        {
            return problem;
        }

        IReadOnlyList<string>? texts;
        ClassifyOptions classifyOptions;
        using (document)
        {
            (texts, classifyOptions) = ClassifyRequestParser.Parse(document!.RootElement, options, out problem);
        }

        if (texts is null)
        {
            return problem!;
        }

        context.Items[TextCountItem] = texts.Count;
        if (options.LogRequestText)
        {
            ILogger logger = loggers.CreateLogger(typeof(ClassifyEndpoint).FullName!);
            var redactor = options.RedactLoggedText ? new Redactor() : null;
            for (int i = 0; i < texts.Count; i++)
            {
                ServerLog.RequestText(logger, i, redactor?.Redact(texts[i]).Text ?? texts[i]);
            }
        }

        Task<ClassifyOutcome>? classification = batcher.TryEnqueue(texts, classifyOptions, context.RequestAborted);
        if (classification is null)
        {
            context.Response.Headers.RetryAfter = "1";
            return Problems.General(StatusCodes.Status503ServiceUnavailable, "The server is busy.",
                $"{options.MaxQueuedRequests} requests are already waiting; retry in a second.");
        }

        return await AwaitResultsAsync(classification, context.RequestAborted);
    }

    private static async Task<IResult> AwaitResultsAsync(Task<ClassifyOutcome> classification,
        CancellationToken aborted)
    {
        try
        {
            ClassifyOutcome outcome = await classification.WaitAsync(aborted);
            return TypedResults.Ok(new ClassifyResponse(outcome.Model, outcome.Results));
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
            // ClassifyBatcher logged the exception with the batch size.
            return Problems.General(StatusCodes.Status500InternalServerError, "Classification failed.",
                "The model failed to classify the texts. The server log has the cause.");
        }
    }
}
