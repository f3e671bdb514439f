using Microsoft.Extensions.Logging;

namespace SuperTune.Cli.Console;

/// <summary>
/// Logs each message as one line, <c>HH:mm:ss message</c>: information to the output stream, warnings and errors to
/// the error stream with their level. The command line has no use for categories and event ids on screen.
/// </summary>
public sealed class PlainLineLoggerProvider(TextWriter output, TextWriter error) : ILoggerProvider
{
    private readonly object gate = new();

    public ILogger CreateLogger(string categoryName) => new PlainLineLogger(this);

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message, Exception? exception)
    {
        var time = DateTime.Now.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        lock (gate)
        {
            ProgressLine.ClearIfShown();
            if (level >= LogLevel.Warning)
            {
                error.WriteLine($"{time} {(level == LogLevel.Warning ? "warning" : "error")}: {message}");
                if (exception is not null) error.WriteLine(exception.Message);
            }
            else
            {
                output.WriteLine($"{time} {message}");
            }

            output.Flush();
        }
    }

    private sealed class PlainLineLogger(PlainLineLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) provider.Write(logLevel, formatter(state, exception), exception);
        }
    }
}
