using SuperTune.Server.Hosting;

namespace SuperTune.Server.Api;

/// <summary>Probes for orchestrators. Both respond without an API key.</summary>
internal static class HealthEndpoints
{
    public const string HealthPath = "/healthz";
    public const string ReadyPath = "/readyz";

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(HealthPath, () => TypedResults.Ok(new HealthResponse("alive", null)))
            .WithName("Health")
            .WithSummary("Returns 200 while the process runs.");

        app.MapGet(ReadyPath, (ModelHost host) => host.IsReady
                ? Results.Ok(new HealthResponse("ready", host.Current.Classifier.Info.Name))
                : Problems.General(StatusCodes.Status503ServiceUnavailable, "Not ready.", "No model is loaded."))
            .WithName("Ready")
            .WithSummary("Returns 200 when a model is loaded and requests can be classified.")
            .Produces<HealthResponse>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
