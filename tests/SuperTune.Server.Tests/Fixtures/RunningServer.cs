using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SuperTune.Inference;
using SuperTune.Server.Batching;
using SuperTune.Server.Hosting;

namespace SuperTune.Server.Tests.Fixtures;

/// <summary>The server on Kestrel at 127.0.0.1 with a port that the system picks, and a client for it.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, CapturedLogs logs)
    {
        App = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    internal ModelHost Host => App.Services.GetRequiredService<ModelHost>();

    internal ClassifyBatcher Batcher => App.Services.GetRequiredService<ClassifyBatcher>();

    /// <summary>
    /// Starts a server for <paramref name="modelFolder"/> with no API key, no file watcher and one ONNX
    /// Runtime thread, after <paramref name="change"/> adjusts those options. <paramref name="configure"/> may
    /// change the builder further, such as Kestrel's limits.
    /// </summary>
    public static async Task<RunningServer> StartAsync(string modelFolder,
        Func<ServerOptions, ServerOptions>? change = null, Action<WebApplicationBuilder>? configure = null)
    {
        var options = new ServerOptions
        {
            ModelFolder = modelFolder,
            Urls = ["http://127.0.0.1:0"],
            ApiKey = "",
            WatchModelFile = false,
            Classifier = new OnnxClassifierOptions { IntraOpThreads = 1 },
        };
        options = change?.Invoke(options) ?? options;

        var logs = new CapturedLogs();
        WebApplication app = SuperTuneServer.Build(options, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(logs);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new RunningServer(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
