using Microsoft.Extensions.Logging;
using SuperTune.Server.Batching;

namespace SuperTune.Server.Api;

/// <summary>
/// <c>POST /v1/entities</c>: the entities of one text or a list of texts, found by the served entity tagger through
/// its micro-batcher, under the same body limits, problem details and API key as <c>/v1/classify</c>. Mapped only
/// when the server has a tagger.
/// </summary>
internal static class EntitiesEndpoint
{
    public static void MapEntities(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/entities", HandleAsync)
            .WithName("Entities")
            .WithSummary("Finds entities in texts with the served entity tagger, with UTF-16 and code point offsets.")
            .Accepts<EntitiesRequest>("application/json")
            .Produces<EntitiesResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, EntityBatcher batcher, ServerOptions options,
        ServerRedactors redactors, ILoggerFactory loggers)
    {
        (IReadOnlyList<string>? texts, _, IResult? problem) =
            await ClassifyRequestParser.ReadAsync(context, options, acceptsClassifyOptions: false);
        if (texts is null)
        {
            return problem!;
        }

        context.Items[ClassifyEndpoint.TextCountItem] = texts.Count;
        RequestTextLog.Write(loggers, options, redactors, typeof(EntitiesEndpoint).FullName!, texts);

        Task<EntityOutcome>? tagging = batcher.TryEnqueue(texts, context.RequestAborted);
        return await BatchedResponse.AwaitAsync(context, options, tagging,
            outcome => TypedResults.Ok(new EntitiesResponse(outcome.Model, outcome.Results)),
            "Entity tagging failed.", "The tagger failed to tag the texts. The server log has the cause.");
    }
}
