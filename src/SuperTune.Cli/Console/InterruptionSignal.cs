using System.Runtime.InteropServices;

namespace SuperTune.Cli.Console;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation, so a long job stops between steps and cleans up its
/// staging folder instead of the process dying at once. A second Ctrl+C is not caught and ends the process.
/// </summary>
public sealed class InterruptionSignal : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration? terminate;

    public InterruptionSignal()
    {
        System.Console.CancelKeyPress += OnCancelKeyPress;
        terminate = OperatingSystem.IsWindows()
            ? null
            : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                source.Cancel();
            });
    }

    /// <summary>Cancelled when the user interrupts.</summary>
    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        System.Console.CancelKeyPress -= OnCancelKeyPress;
        terminate?.Dispose();
        source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (source.IsCancellationRequested) return;
        e.Cancel = true;
        source.Cancel();
    }
}
