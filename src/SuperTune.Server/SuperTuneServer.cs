using Microsoft.Extensions.Logging;
using SuperTune.Inference;
using SuperTune.Inference.Retrieval;
using SuperTune.Server.Api;
using SuperTune.Server.Batching;
using SuperTune.Server.Chat;
using SuperTune.Server.Hosting;
using SuperTune.Server.Middleware;

namespace SuperTune.Server;

/// <summary>Builds the HTTP API that serves an exported classifier, and optionally an entity tagger and a retriever.</summary>
public static class SuperTuneServer
{
    /// <summary>
    /// Loads the model in <see cref="ServerOptions.ModelFolder"/>, and the other models the options name, and returns
    /// the application, ready for <c>RunAsync</c> or <c>StartAsync</c>. The models load here, so a bad folder fails
    /// before anything listens.
    /// </summary>
    /// <param name="options">The model folder, addresses, limits and API key.</param>
    /// <param name="configure">Changes to the builder before it builds, such as extra logging providers.</param>
    /// <exception cref="Core.SuperTuneException">An option is invalid or the model failed to load.</exception>
    public static WebApplication Build(ServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string? apiKey = options.ResolveApiKey();

        OnnxClassifier classifier = OnnxClassifier.Load(options.ModelFolder, options.Classifier);
        OnnxEntityTagger? tagger = null;
        KnowledgeBaseAnswerer? answerer = null;
        ChatResources? chat = null;
        try
        {
            tagger = options.EntityModelFolder is null
                ? null
                : OnnxEntityTagger.Load(options.EntityModelFolder, options.Classifier);
            answerer = options.AnswerModelFolder is null
                ? null
                : KnowledgeBaseAnswerer.Load(options.AnswerModelFolder, options.KnowledgeBasePath);
            chat = answerer is null ? null : ChatResources.Open(options, answerer);
            WebApplication app = CreateBuilder(options, classifier, tagger, answerer, chat, configure).Build();
            app.Services.GetRequiredService<ModelHost>();
            ConfigurePipeline(app, apiKey, tagger is not null, answerer is not null);
            if (tagger is not null) app.Lifetime.ApplicationStopped.Register(tagger.Dispose);
            if (answerer is not null) app.Lifetime.ApplicationStopped.Register(answerer.Dispose);
            if (chat is not null) app.Lifetime.ApplicationStopped.Register(chat.Dispose);

            ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SuperTuneServer));
            app.Lifetime.ApplicationStarted.Register(() => ServerLog.Listening(logger, string.Join(", ", app.Urls),
                apiKey is null ? "not set, so every endpoint is open" : "required"));
            return app;
        }
        catch
        {
            classifier.Dispose();
            tagger?.Dispose();
            chat?.Dispose();
            answerer?.Dispose();
            throw;
        }
    }

    private static WebApplicationBuilder CreateBuilder(ServerOptions options, OnnxClassifier classifier,
        OnnxEntityTagger? tagger, KnowledgeBaseAnswerer? answerer, ChatResources? chat,
        Action<WebApplicationBuilder>? configure)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SuperTuneServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        // The request log replaces ASP.NET Core's own lines per request; its warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = StatusCodeProblems.Customize);
        builder.Services.AddOpenApi();

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(services => new ModelHost(classifier, options.Classifier,
            services.GetRequiredService<ILogger<ModelHost>>()));
        builder.Services.AddSingleton<ClassifyBatcher>();
        builder.Services.AddSingleton(new ServerRedactors(tagger));
        if (tagger is not null)
        {
            builder.Services.AddSingleton(new ServedTagger(tagger, DateTimeOffset.UtcNow));
            builder.Services.AddSingleton<EntityBatcher>();
            builder.Services.AddHostedService(services => services.GetRequiredService<EntityBatcher>());
        }

        if (answerer is not null)
        {
            builder.Services.AddSingleton(answerer);
            builder.Services.AddSingleton(chat!);
        }

        builder.Services.AddHostedService(services => services.GetRequiredService<ClassifyBatcher>());
        if (options.WatchModelFile)
        {
            builder.Services.AddHostedService<ModelFileWatcher>();
        }

        configure?.Invoke(builder);
        return builder;
    }

    private static void ConfigurePipeline(WebApplication app, string? apiKey, bool tags, bool answers)
    {
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (apiKey is not null)
        {
            app.UseMiddleware<ApiKeyMiddleware>(apiKey);
        }

        app.MapOpenApi();
        app.MapHealth();
        app.MapClassify();
        app.MapRedact();
        app.MapModels();
        if (tags)
        {
            app.MapEntities();
        }

        if (answers)
        {
            app.MapAnswer();
            app.MapChat();
            app.MapChatPage();
        }
    }
}
