using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace SuperTune.Bench.Load;

/// <summary>
/// The standalone server program (SuperTune.Server.dll) running as a child process on a port of 127.0.0.1
/// that the system picks, with its console log kept in memory. Disposing kills it if it is still running.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Base address of the server, such as <c>http://127.0.0.1:40123</c>.</summary>
    public Uri Address { get; private set; }

    /// <summary>Every line that the server wrote to standard output and standard error so far.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>SuperTune.Server.dll</c> from the folder of this program on <paramref name="modelFolder"/>
    /// with the API key in its environment, and waits until it logs the address it listens on.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server did not listen within the time limit.</exception>
    public static async Task<ServerProcess> StartAsync(string modelFolder, string apiKey, bool logRequestText,
        int threads, TimeSpan startLimit)
    {
        string serverDll = Path.Combine(AppContext.BaseDirectory, "SuperTune.Server.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "exec", serverDll, "--model", modelFolder, "--urls", "http://127.0.0.1:0",
                     "--no-watch", "--threads", threads.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (logRequestText)
        {
            start.ArgumentList.Add("--log-request-text");
        }

        start.Environment["SUPERTUNE_API_KEY"] = apiKey;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Failed to start {serverDll}.");
        var server = new ServerProcess(process, new Uri("http://127.0.0.1/"));
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Receive(string? line)
        {
            if (line is null)
            {
                return;
            }

            server._log.Enqueue(line);
            Match address = ListeningAddress().Match(line);
            if (address.Success)
            {
                listening.TrySetResult(new Uri(address.Groups[1].Value));
            }
        }

        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Task exited = process.WaitForExitAsync();
        Task first = await Task.WhenAny(listening.Task, exited, Task.Delay(startLimit));
        if (first != listening.Task)
        {
            server.Dispose();
            throw new InvalidOperationException(
                $"The server did not start listening within {startLimit.TotalSeconds} s. Its output:\n{server.Log}");
        }

        server.Address = await listening.Task;
        return server;
    }

    /// <summary>Resident set size of the server process in MB, read from /proc (Linux only).</summary>
    public double ResidentMegabytes()
    {
        string status = Path.Combine("/proc", _process.Id.ToString(CultureInfo.InvariantCulture), "status");
        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null
            ? double.NaN
            : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
                / 1024;
    }

    /// <summary>Sends SIGTERM, as a service manager does to stop the server.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed with errno "
                + $"{Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code, or null after the time limit.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningAddress();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
