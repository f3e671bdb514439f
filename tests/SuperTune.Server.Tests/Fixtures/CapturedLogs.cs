using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SuperTune.Server.Tests.Fixtures;

/// <summary>A logging provider that keeps every formatted message, with its event id, in memory.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId EventId, string Message)> _entries = new();

    public IReadOnlyList<(EventId EventId, string Message)> Entries => _entries.ToArray();

    public string AllText => string.Join('\n', _entries.Select(entry => entry.Message));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            string message = formatter(state, exception) + (exception is null ? "" : "\n" + exception);
            owner._entries.Enqueue((eventId, message));
        }
    }
}
