using System.CommandLine;
using SuperTune.Inference;
using SuperTune.Server;

namespace SuperTune.Cli.Commands;

/// <summary><c>supertune serve</c>: host the HTTP API over an exported model folder until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model")
        {
            Description = "Classifier folder with model.onnx (run `supertune export` first).",
            Required = true,
        };
        var urls = new Option<string[]>("--urls")
        {
            Description = "Addresses to listen on. Default http://127.0.0.1:8080.",
            DefaultValueFactory = _ => ["http://127.0.0.1:8080"],
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"Key clients must send in X-API-Key. Prefer the {ServerOptions.ApiKeyEnvironmentVariable} " +
                          "environment variable: a command-line argument is visible in process listings.",
        };
        var threads = new Option<int?>("--threads")
        {
            Description = "ONNX Runtime intra-op threads. Default: the number of cores.",
        };
        var logText = new Option<bool>("--log-request-text")
        {
            Description = "Write request texts to the log; off by default because they may hold personal data.",
        };
        var entityModel = new Option<string?>("--entity-model")
        {
            Description = "Exported entity tagger folder; enables POST /v1/entities, and POST /v1/redact and " +
                          "--redact-logged-text then replace its entities too.",
        };
        var answerModel = new Option<string?>("--answer-model")
        {
            Description = "Exported retrieval model folder; enables POST /v1/answer, POST /v1/chat and the chat " +
                          "page at / from --kb.",
        };
        var knowledgeBase = new Option<string?>("--kb")
        {
            Description = "Knowledge base (question/answer file) for POST /v1/answer; default: the file the " +
                          "answer model was trained on.",
        };
        var router = new Option<string?>("--router")
        {
            Description = "Exported intent classifier folder; its label goes into chat escalation summaries.",
        };
        var conversationLog = new Option<string>("--conversation-log")
        {
            Description = "SQLite file that receives every POST /v1/chat turn.",
            DefaultValueFactory = _ => "conversations.db",
        };
        var sentiment = new SentimentOptions();
        var redactLog = new Option<bool>("--redact-logged-text")
        {
            Description = "With --log-request-text, replace e-mail addresses, phone, card and IBAN numbers, URLs, " +
                          "IP addresses and the --entity-model's entities in logged texts by [EMAIL]-style placeholders.",
        };
        var verbose = CommonOptions.Verbose();

        var command = new Command("serve", "Serve an exported model over HTTP: POST /v1/classify, GET /v1/models, " +
                                           "POST /v1/redact, with --entity-model POST /v1/entities, and with " +
                                           "--answer-model POST /v1/answer, POST /v1/chat and the chat page at /.")
        {
            model, urls, apiKey, threads, logText, redactLog, entityModel, answerModel, knowledgeBase, router,
            conversationLog, verbose,
        };
        foreach (var option in sentiment.All) command.Options.Add(option);

        command.SetAction(parse => context.Guard(parse.GetValue(verbose), () =>
        {
            var threadCount = parse.GetValue(threads);
            if (threadCount is < 1) throw new Core.SuperTuneException($"--threads must be at least 1, got {threadCount}.");

            var options = new ServerOptions
            {
                ModelFolder = parse.GetValue(model)!,
                Urls = parse.GetValue(urls)!,
                ApiKey = parse.GetValue(apiKey),
                LogRequestText = parse.GetValue(logText),
                EntityModelFolder = parse.GetValue(entityModel),
                AnswerModelFolder = parse.GetValue(answerModel),
                KnowledgeBasePath = parse.GetValue(knowledgeBase),
                RedactLoggedText = parse.GetValue(redactLog),
                RouterModelFolder = parse.GetValue(router),
                ConversationLogPath = parse.GetValue(conversationLog)!,
                SentimentModelFolder = parse.GetValue(sentiment.Model),
                SentimentLabel = parse.GetValue(sentiment.Label)!,
                SentimentThreshold = parse.GetValue(sentiment.Threshold),
                Classifier = threadCount is null
                    ? new OnnxClassifierOptions()
                    : new OnnxClassifierOptions { IntraOpThreads = threadCount.Value },
            };
            using var app = SuperTuneServer.Build(options);
            app.Run();
            return SuperTuneCommand.Success;
        }));
        return command;
    }
}
