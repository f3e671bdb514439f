using System.Diagnostics;

namespace SuperTune.Cli.Tests;

/// <summary>Runs the real <c>supertune</c> program in a child process, so a test can kill it with SIGKILL.</summary>
internal static class SupertuneProcess
{
    /// <summary>Runs supertune to its end, for at most 10 minutes, and returns its exit code and both streams.</summary>
    public static (int ExitCode, string Output) RunToEnd(string[] arguments)
    {
        using var process = Start(arguments, out var output);
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"supertune {string.Join(' ', arguments)} ran for over 10 minutes:\n{output}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Starts supertune with <paramref name="arguments"/>; <paramref name="output"/> collects both streams.</summary>
    public static Process Start(string[] arguments, out System.Text.StringBuilder output)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "supertune.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        var lines = new System.Text.StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (lines) lines.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (lines) lines.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = lines;
        return process;
    }
}
