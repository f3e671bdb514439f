using System.Diagnostics;
using SuperTune.Training;

namespace SuperTune.Cli.Console;

/// <summary>
/// A one-line progress bar with ETA on the terminal's error stream, redrawn in place. It is shown only when the
/// error stream is a terminal; the log lines remain the record either way.
/// </summary>
public sealed class ProgressLine : ITrainingMonitor
{
    private static volatile bool barVisible;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long lastDrawMilliseconds = -1000;

    /// <summary>Returns a progress line when standard error is a terminal, otherwise null.</summary>
    public static ProgressLine? ForTerminal() => System.Console.IsErrorRedirected ? null : new ProgressLine();

    public void OnStep(int step, int totalSteps)
    {
        var now = clock.ElapsedMilliseconds;
        if (now - lastDrawMilliseconds < 250 && step < totalSteps) return;
        lastDrawMilliseconds = now;

        const int width = 30;
        var done = (double)step / Math.Max(1, totalSteps);
        var filled = (int)Math.Round(done * width);
        var eta = step == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(now / done - now);
        System.Console.Error.Write(
            $"\r[{new string('#', filled)}{new string('.', width - filled)}] {step}/{totalSteps} steps, ETA {eta:mm\\:ss} ");
        barVisible = true;
    }

    public void OnFinished() => ClearIfShown();

    /// <summary>Erases the bar so a log line can take its place; the next step redraws it.</summary>
    public static void ClearIfShown()
    {
        if (!barVisible) return;
        System.Console.Error.Write("\r" + new string(' ', 72) + "\r");
        barVisible = false;
    }
}
