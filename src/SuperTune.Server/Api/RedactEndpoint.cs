using System.Text.Json;
using SuperTune.Core;
using SuperTune.Core.Redaction;
using SuperTune.Inference;

namespace SuperTune.Server.Api;

/// <summary>
/// <c>POST /v1/redact</c>: replaces personal data in one text or a list of texts with the deterministic detectors,
/// and with the entity tagger when the server has one, under the same body limits, problem details and API key as
/// <c>/v1/classify</c>. Each text is one document for pseudonyms.
/// </summary>
internal static class RedactEndpoint
{
    // The one field that only this endpoint has. The classify parser reads the others.
    private const string PseudonymsField = "pseudonyms";

    public static void MapRedact(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/redact", HandleAsync)
            .WithName("Redact")
            .WithSummary("Replaces e-mail addresses, phone, card and IBAN numbers, URLs, IP addresses and the entity "
                + "tagger's entities in texts.")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<RedactResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ServerOptions options,
        ServerRedactors redactors)
    {
        (JsonDocument? document, IResult? problem) =
            await RequestBody.ReadJsonAsync(context, options.MaxRequestBodyBytes, allowEmpty: false);
        if (problem is not null)
        {
            return problem;
        }

        IReadOnlyList<string>? texts;
        bool pseudonyms;
        using (document)
        {
            JsonElement root = document!.RootElement;
            if (root.ValueKind == JsonValueKind.Object && JsonStrings.HasUndecodableName(root))
            {
                return Problems.Invalid(Problems.Body, $"A field name {ClassifyRequestParser.LoneSurrogateProblem}");
            }

            JsonElement value = default;
            bool given = root.ValueKind == JsonValueKind.Object && root.TryGetProperty(PseudonymsField, out value);
            if (given && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Problems.Invalid("pseudonyms", "pseudonyms must be true or false.");
            }

            pseudonyms = given && value.ValueKind == JsonValueKind.True;
            (texts, _) = ClassifyRequestParser.Parse(root, options, out problem, PseudonymsField);
        }

        if (texts is null)
        {
            return problem!;
        }

        context.Items[ClassifyEndpoint.TextCountItem] = texts.Count;
        Redactor redactor = pseudonyms ? redactors.Pseudonyms : redactors.Placeholders;

        // With a tagger each call runs the model, so it runs off the request thread, as /v1/answer does.
        IReadOnlyList<RedactionResult> results = redactors.UsesTagger
            ? await Task.Run(() => redactor.RedactBatch(texts), context.RequestAborted)
            : redactor.RedactBatch(texts);
        return TypedResults.Ok(new RedactResponse([.. results.Select(r => new RedactedText(r.Text, r.Entities))]));
    }
}
