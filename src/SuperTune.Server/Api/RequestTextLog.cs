using Microsoft.Extensions.Logging;

namespace SuperTune.Server.Api;

/// <summary>
/// Writes request texts to the log when <see cref="ServerOptions.LogRequestText"/> is set, redacted first when
/// <see cref="ServerOptions.RedactLoggedText"/> is set as well.
/// </summary>
internal static class RequestTextLog
{
    /// <summary>Logs each text under <paramref name="category"/>, or nothing unless the options ask for it.</summary>
    public static void Write(ILoggerFactory loggers, ServerOptions options, ServerRedactors redactors, string category,
        IReadOnlyList<string> texts)
    {
        if (!options.LogRequestText)
        {
            return;
        }

        ILogger logger = loggers.CreateLogger(category);
        IReadOnlyList<string> logged = options.RedactLoggedText
            ? [.. redactors.Placeholders.RedactBatch(texts).Select(result => result.Text)]
            : texts;
        for (int i = 0; i < logged.Count; i++)
        {
            ServerLog.RequestText(logger, i, logged[i]);
        }
    }
}
