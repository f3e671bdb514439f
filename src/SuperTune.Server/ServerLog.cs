using Microsoft.Extensions.Logging;

namespace SuperTune.Server;

/// <summary>The server's log messages. Request texts appear only in <see cref="RequestText"/>.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Path} responded {StatusCode} in {ElapsedMs:F1} ms with {TextCount} texts")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, int statusCode,
        double elapsedMs, int textCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Request text {Index}: {Text}")]
    public static partial void RequestText(ILogger logger, int index, string text);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "Serving model {Model} from {Folder}: {LabelCount} labels, max length {MaxLength}")]
    public static partial void ModelLoaded(ILogger logger, string model, string folder, int labelCount, int maxLength);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information,
        Message = "Reloaded model {Model} from {Folder} ({Reason}); the previous model {Previous} is released")]
    public static partial void ModelReloaded(ILogger logger, string model, string folder, string reason,
        string previous);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error,
        Message = "Reloading the model from {Folder} failed ({Reason}); still serving {Model}")]
    public static partial void ModelReloadFailed(ILogger logger, Exception exception, string folder, string reason,
        string model);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning,
        Message = "Reloading the model from {Folder} was rejected ({Reason}): {Problem} Still serving {Model}")]
    public static partial void ModelReloadRejected(ILogger logger, string folder, string reason, string problem,
        string model);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information,
        Message = "{Path} changed; reloading once it has not changed for {SettleMs} ms")]
    public static partial void ModelFileChanged(ILogger logger, string path, double settleMs);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning,
        Message = "Watching {Folder} for model changes failed, so the model reloads only through the API")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string folder);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error,
        Message = "Classifying a batch of {RequestCount} requests and {TextCount} texts failed")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int requestCount, int textCount);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning,
        Message = "The classification queue is full ({Capacity} requests); {Rejected} rejected with 503 so far")]
    public static partial void QueueFull(ILogger logger, int capacity, long rejected);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error,
        Message = "Tagging entities in a batch of {RequestCount} requests and {TextCount} texts failed")]
    public static partial void EntityBatchFailed(ILogger logger, Exception exception, int requestCount, int textCount);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning,
        Message = "The entity queue is full ({Capacity} requests); {Rejected} rejected with 503 so far")]
    public static partial void EntityQueueFull(ILogger logger, int capacity, long rejected);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information,
        Message = "Listening on {Urls}; API key {ApiKeyState}")]
    public static partial void Listening(ILogger logger, string urls, string apiKeyState);
}
