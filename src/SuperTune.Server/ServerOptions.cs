using SuperTune.Core;
using SuperTune.Inference;
using SuperTune.Inference.Assistant;

namespace SuperTune.Server;

/// <summary>Settings of the HTTP API that <see cref="SuperTuneServer.Build"/> creates.</summary>
public sealed record ServerOptions
{
    /// <summary>Environment variable read for the API key when <see cref="ApiKey"/> is null.</summary>
    public const string ApiKeyEnvironmentVariable = "SUPERTUNE_API_KEY";

    /// <summary>
    /// Folder with model.onnx, vocab.txt and tokenizer_config.json, as <c>supertune export</c> writes it.
    /// </summary>
    public required string ModelFolder { get; init; }

    /// <summary>Addresses to listen on (default <c>http://127.0.0.1:8080</c>, local connections only).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>
    /// Key that clients must send in the <c>X-API-Key</c> header on every endpoint except <c>/healthz</c>,
    /// <c>/readyz</c> and <c>/openapi/v1.json</c>. Null reads <see cref="ApiKeyEnvironmentVariable"/>; an
    /// empty key turns the check off. Without a key, anyone who reaches the server can also reload it from
    /// any model folder on its disk, so set one before listening on other addresses than 127.0.0.1.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>Maximum number of texts in one request (default 64); more give 400.</summary>
    public int MaxTextsPerRequest { get; init; } = 64;

    /// <summary>Maximum length of one text in UTF-16 code units, as .NET counts it (default 2,000).</summary>
    public int MaxTextLength { get; init; } = 2000;

    /// <summary>Maximum request body in bytes (default 1 MiB); a larger body gives 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// How long the first queued request waits for others to join its batch (default 2 ms). Zero merges only
    /// the requests that are already queued.
    /// </summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Maximum number of texts merged into one classifier call (default 64).</summary>
    public int MaxBatchTexts { get; init; } = 64;

    /// <summary>Maximum number of requests waiting for a batch (default 1,024); more give 503.</summary>
    public int MaxQueuedRequests { get; init; } = 1024;

    /// <summary>Whether request texts are written to the log (default false: they may be personal data).</summary>
    public bool LogRequestText { get; init; }

    /// <summary>
    /// Whether logged request texts first pass through the personal data detectors, and the entity tagger of
    /// <see cref="EntityModelFolder"/> when set, so the log shows <c>[EMAIL]</c> in place of an address (default
    /// false). It matters only with <see cref="LogRequestText"/>.
    /// </summary>
    public bool RedactLoggedText { get; init; }

    /// <summary>Whether a change to model.onnx, or a replaced model folder, reloads the model (default true).</summary>
    public bool WatchModelFile { get; init; } = true;

    /// <summary>
    /// Time without further changes to model.onnx before it is reloaded (default 500 ms), so that a file still
    /// being written is not loaded.
    /// </summary>
    public TimeSpan ModelFileSettleTime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Exported retrieval model folder for <c>POST /v1/answer</c>, or null to serve no answers. Its thresholds
    /// come from its config.json.
    /// </summary>
    public string? AnswerModelFolder { get; init; }

    /// <summary>
    /// Exported entity tagger folder for <c>POST /v1/entities</c>, or null to serve no entities. When set,
    /// <c>POST /v1/redact</c> and the redaction of logged texts (<see cref="RedactLoggedText"/>) replace the
    /// tagger's entities too, beside the deterministic detectors' matches. The tagger is not reloaded.
    /// </summary>
    public string? EntityModelFolder { get; init; }

    /// <summary>Knowledge-base file to answer from; null means the file the answer model was trained on.</summary>
    public string? KnowledgeBasePath { get; init; }

    /// <summary>
    /// SQLite file that receives every <c>POST /v1/chat</c> turn with its decision and scores (default
    /// <c>conversations.db</c> in the working folder). Used only with <see cref="AnswerModelFolder"/>.
    /// </summary>
    public string ConversationLogPath { get; init; } = "conversations.db";

    /// <summary>Exported intent classifier folder whose label goes into chat escalation summaries, or null.</summary>
    public string? RouterModelFolder { get; init; }

    /// <summary>
    /// Exported sentiment or urgency classifier folder for <c>POST /v1/chat</c>, or null for no check. A message
    /// whose <see cref="SentimentLabel"/> probability reaches <see cref="SentimentThreshold"/> is escalated.
    /// </summary>
    public string? SentimentModelFolder { get; init; }

    /// <summary>Label of the sentiment model that escalates (default <c>negative</c>).</summary>
    public string SentimentLabel { get; init; } = SentimentCheck.DefaultLabel;

    /// <summary>Probability of <see cref="SentimentLabel"/>, from 0 to 1, at or above which a chat escalates.</summary>
    public double SentimentThreshold { get; init; } = SentimentCheck.DefaultThreshold;

    /// <summary>ONNX Runtime settings of every model that the server loads.</summary>
    public OnnxClassifierOptions Classifier { get; init; } = new();

    /// <summary>Returns the key to require: <see cref="ApiKey"/>, else the environment variable, else null.</summary>
    internal string? ResolveApiKey()
    {
        string? key = ApiKey ?? Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);
        return string.IsNullOrEmpty(key) ? null : key;
    }

    /// <summary>Checks every setting and reports all problems in one exception.</summary>
    /// <exception cref="SuperTuneException">A setting is out of range.</exception>
    internal void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelFolder)) problems.Add("ModelFolder is empty");
        if (Urls.Count == 0) problems.Add("Urls is empty");
        foreach (string url in Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"Urls contains \"{url}\", which is not an http:// or https:// address");
            }
        }

        void RequireAtLeastOne(string name, long value)
        {
            if (value < 1) problems.Add($"{name} is {value}, but must be at least 1");
        }

        void RequireNotNegative(string name, TimeSpan value)
        {
            if (value < TimeSpan.Zero) problems.Add($"{name} is {value}, but must not be negative");
        }

        RequireAtLeastOne(nameof(MaxTextsPerRequest), MaxTextsPerRequest);
        RequireAtLeastOne(nameof(MaxTextLength), MaxTextLength);
        RequireAtLeastOne(nameof(MaxRequestBodyBytes), MaxRequestBodyBytes);
        RequireAtLeastOne(nameof(MaxBatchTexts), MaxBatchTexts);
        RequireAtLeastOne(nameof(MaxQueuedRequests), MaxQueuedRequests);
        RequireNotNegative(nameof(BatchWindow), BatchWindow);
        RequireNotNegative(nameof(ModelFileSettleTime), ModelFileSettleTime);
        if (EntityModelFolder is not null && string.IsNullOrWhiteSpace(EntityModelFolder))
        {
            problems.Add("EntityModelFolder is empty");
        }

        if (AnswerModelFolder is not null && string.IsNullOrWhiteSpace(ConversationLogPath))
        {
            problems.Add("ConversationLogPath is empty");
        }

        if (!(SentimentThreshold is >= 0 and <= 1))
        {
            problems.Add($"SentimentThreshold is {SentimentThreshold}, but must be between 0 and 1");
        }

        if (problems.Count > 0)
        {
            throw new SuperTuneException($"Invalid server options: {string.Join("; ", problems)}.");
        }
    }
}
