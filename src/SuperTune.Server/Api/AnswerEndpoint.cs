using System.Text.Json;
using SuperTune.Core;
using SuperTune.Core.Retrieval;
using SuperTune.Inference.Retrieval;

namespace SuperTune.Server.Api;

/// <summary>
/// <c>POST /v1/answer</c> with <c>{"text": "..."}</c>: the knowledge-base answer for one customer message, or a
/// clarifying question's candidates, or an escalation. Mapped only when the server has a knowledge base.
/// </summary>
internal static class AnswerEndpoint
{
    public static void MapAnswer(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/answer", HandleAsync)
            .WithName("Answer")
            .WithSummary("Answers one customer message from the knowledge base, or asks to clarify, or escalates.")
            .Produces<AnswerResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, KnowledgeBaseAnswerer answerer,
        ServerOptions options)
    {
        var (document, problem) = await RequestBody.ReadJsonAsync(context, options.MaxRequestBodyBytes, allowEmpty: false);
        if (problem is not null) return problem;

        string text;
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Problems.Invalid(Problems.Body, "The body must be a JSON object such as {\"text\": \"...\"}.");
            }

            if (JsonStrings.HasUndecodableName(root))
            {
                return Problems.Invalid(Problems.Body, $"A field name {ClassifyRequestParser.LoneSurrogateProblem}");
            }

            if (!root.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
            {
                return Problems.Invalid("text", "Send the customer message as a JSON string in \"text\".");
            }

            if (!JsonStrings.TryGetText(value, out var decoded))
            {
                return Problems.Invalid("text", $"text {ClassifyRequestParser.LoneSurrogateProblem}");
            }

            text = decoded;
        }

        if (string.IsNullOrWhiteSpace(text)) return Problems.Invalid("text", "The message is empty.");
        if (text.Length > options.MaxTextLength)
        {
            return Problems.Invalid("text", $"The message has {text.Length} characters; the limit is {options.MaxTextLength}.");
        }

        // One encoder pass and one scan of the index, off the request thread.
        var result = await Task.Run(() => answerer.Answer(text), context.RequestAborted);
        return TypedResults.Ok(ToResponse(result, answerer.Thresholds));
    }

    private static AnswerResponse ToResponse(AnswerResult result, AnswerThresholds thresholds) => new(
        result.Decision,
        result.Decision == AnswerDecision.Answer ? result.Best?.Answer : null,
        result.Score,
        result.Margin,
        result.Confidence,
        result.Candidates.Select(c => new AnswerCandidate(c.Entry.Id, c.Entry.Question, c.Entry.Answer, c.Entry.Group,
            c.Score)).ToList(),
        new AnswerThresholdsJson(thresholds.Answer, thresholds.Clarify, thresholds.ConfidenceScale));
}
