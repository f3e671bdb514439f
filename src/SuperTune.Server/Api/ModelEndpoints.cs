using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SuperTune.Core;
using SuperTune.Server.Hosting;

namespace SuperTune.Server.Api;

/// <summary>
/// <c>GET /v1/models</c> describes the served models; <c>POST /v1/models/reload</c> swaps the classifier.
/// </summary>
internal static class ModelEndpoints
{
    private const string ModelField = "model";

    public static void MapModels(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", ListModels)
            .WithName("ListModels")
            .WithSummary("Describes the served models: labels, base model, export time and training metrics.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        app.MapPost("/v1/models/reload", ReloadAsync)
            .WithName("ReloadModel")
            .WithSummary("Loads the model folder again, or another folder, and swaps it in when it loads.")
            .Accepts<ReloadRequest>("application/json")
            .Produces<ModelJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
    }

    // The entity tagger, when served, follows the classifier.
    private static Ok<ModelListResponse> ListModels(ModelHost host, IServiceProvider services)
    {
        ServedTagger? served = services.GetService<ServedTagger>();
        return TypedResults.Ok(new ModelListResponse(served is null
            ? [ModelJson.From(host.Current)]
            : [ModelJson.From(host.Current), ModelJson.From(served.Tagger.Info, served.LoadedAt)]));
    }

    private static async Task<IResult> ReloadAsync(HttpContext context, ModelHost host, ServerOptions options)
    {
        (JsonDocument? document, IResult? problem) =
            await RequestBody.ReadJsonAsync(context, options.MaxRequestBodyBytes, allowEmpty: true);
        if (problem is not null)
        {
            return problem;
        }

        string? folder;
        using (document)
        {
            folder = document is null ? null : ReadFolder(document.RootElement, out problem);
        }

        if (problem is not null)
        {
            return problem;
        }

        try
        {
            LoadedModel loaded = await host.ReloadAsync(folder, "reload request", context.RequestAborted);
            return TypedResults.Ok(ModelJson.From(loaded));
        }
        catch (Exception e) when (e is SuperTuneException or ArgumentException)
        {
            // ModelHost logged the cause, which may quote server paths and ONNX Runtime's own text. An
            // ArgumentException comes from a path that the file system rejects, such as one with a NUL.
            return Problems.Field(StatusCodes.Status400BadRequest, "Model reload failed.", ModelField,
                $"The model in {Describe(folder)} failed to load, so the previous model is still served. "
                + "The server log has the cause.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Problems.General(StatusCodes.Status500InternalServerError, "Model reload failed.",
                $"Loading the model in {Describe(folder)} failed, so the previous model is still served. "
                + "The server log has the cause.");
        }
    }

    private static string? ReadFolder(JsonElement root, out IResult? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = Problems.Invalid(Problems.Body,
                "The request body must be a JSON object such as {\"model\": \"DIR\"}.");
            return null;
        }

        string? folder = null;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!JsonStrings.TryGetName(property, out string? name))
            {
                problem = Problems.Invalid(Problems.Body,
                    $"A field name contains an escaped lone surrogate; the only field is {ModelField}.");
                return null;
            }

            if (name != ModelField)
            {
                problem = Problems.Invalid(name, $"{name} is not a known field; the only field is {ModelField}.");
                return null;
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (!JsonStrings.TryGetText(property.Value, out string? value) || string.IsNullOrWhiteSpace(value))
            {
                problem = Problems.Invalid(ModelField, $"{ModelField} must be the path of a model folder.");
                return null;
            }

            folder = value;
        }

        return folder;
    }

    private static string Describe(string? folder) => folder is null ? "the current folder" : $"'{folder}'";
}
