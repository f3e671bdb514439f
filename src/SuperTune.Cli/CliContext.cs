using Microsoft.Extensions.Logging;
using SuperTune.Cli.Console;
using SuperTune.Core;

namespace SuperTune.Cli;

/// <summary>Output streams and the error handling shared by all verbs.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Creates loggers that print plain timestamped lines to the output stream.</summary>
    public ILoggerFactory CreateLoggerFactory(bool verbose) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
            .AddProvider(new PlainLineLoggerProvider(Output, Error)));

    /// <summary>
    /// Runs a verb's body, turning user errors into one message line plus a hint and exit code 1. Unexpected
    /// exceptions print their type and message, with the stack trace only under <c>--verbose</c>.
    /// </summary>
    public int Guard(bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException)
        {
            Error.WriteLine("error: interrupted; the output folder was left as it was before this run.");
            return SuperTuneCommand.Interrupted;
        }
        catch (SuperTuneException e)
        {
            Error.WriteLine($"error: {e.Message}");
            if (e.Hint is not null) Error.WriteLine($"hint: {e.Hint}");
            if (verbose) Error.WriteLine(e.ToString());
            return SuperTuneCommand.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error.WriteLine($"error: {e.Message}");
            if (verbose) Error.WriteLine(e.ToString());
            return SuperTuneCommand.Failure;
        }
        catch (Exception e) when (!verbose)
        {
            Error.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message}");
            Error.WriteLine("hint: run again with --verbose for the stack trace, and report it as a bug.");
            return SuperTuneCommand.Failure;
        }
    }
}
