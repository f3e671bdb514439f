using System.Text.Json;
using SuperTune.Core.Redaction;
using SuperTune.Inference;

namespace SuperTune.Server.Api;

/// <summary>
/// <c>POST /v1/redact</c>: replaces personal data in one text or a list of texts with the deterministic detectors,
/// under the same body limits, problem details and API key as <c>/v1/classify</c>. Each text is one document for
/// pseudonyms.
/// </summary>
internal static class RedactEndpoint
{
    private static readonly Redactor Placeholders = new();
    private static readonly Redactor Pseudonyms = new(RedactionMode.Pseudonym);

    public static void MapRedact(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/redact", HandleAsync)
            .WithName("Redact")
            .WithSummary("Replaces e-mail addresses, phone, card and IBAN numbers, URLs and IP addresses in texts.")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<RedactResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ServerOptions options)
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
            JsonElement value = default;
            bool given = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("pseudonyms", out value);
            if (given && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Problems.Invalid("pseudonyms", "pseudonyms must be true or false.");
            }

            pseudonyms = given && value.ValueKind == JsonValueKind.True;
            (texts, _) = ClassifyRequestParser.Parse(WithoutPseudonyms(root), options, out problem);
        }

        if (texts is null)
        {
            return problem!;
        }

        context.Items[ClassifyEndpoint.TextCountItem] = texts.Count;
        var results = (pseudonyms ? Pseudonyms : Placeholders).RedactBatch(texts);
        return TypedResults.Ok(new RedactResponse([.. results.Select(r => new RedactedText(r.Text, r.Entities))]));
    }

    // The classify parser rejects unknown fields, and "pseudonyms" is the one field only this endpoint has.
    private static JsonElement WithoutPseudonyms(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("pseudonyms", out _))
        {
            return root;
        }

        var copy = System.Text.Json.Nodes.JsonNode.Parse(root.GetRawText())!.AsObject();
        copy.Remove("pseudonyms");
        return JsonDocument.Parse(copy.ToJsonString()).RootElement.Clone();
    }
}
