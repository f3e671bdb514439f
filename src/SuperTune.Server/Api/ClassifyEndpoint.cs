using Microsoft.Extensions.Logging;
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
        ServerOptions options, ServerRedactors redactors, ILoggerFactory loggers)
    {
        (IReadOnlyList<string>? texts, ClassifyOptions classifyOptions, IResult? problem) =
            await ClassifyRequestParser.ReadAsync(context, options);
        if (texts is null)
        {
            return problem!;
        }

        context.Items[TextCountItem] = texts.Count;
        RequestTextLog.Write(loggers, options, redactors, typeof(ClassifyEndpoint).FullName!, texts);

        Task<ClassifyOutcome>? classification = batcher.TryEnqueue(texts, classifyOptions, context.RequestAborted);
        return await BatchedResponse.AwaitAsync(context, options, classification,
            outcome => TypedResults.Ok(new ClassifyResponse(outcome.Model, outcome.Results)),
            "Classification failed.", "The model failed to classify the texts. The server log has the cause.");
    }
}
