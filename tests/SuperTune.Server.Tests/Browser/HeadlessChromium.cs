using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SuperTune.Server.Tests.Browser;

/// <summary>
/// Debian's headless chromium with one page, driven over the Chrome DevTools Protocol on a WebSocket at
/// 127.0.0.1. Background networking, component updates and sync are off, so the browser contacts no host but
/// the pages it is sent to.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process process;
    private readonly string profileFolder;
    private readonly ClientWebSocket socket = new();
    private int nextId;

    private HeadlessChromium(Process process, string profileFolder)
    {
        this.process = process;
        this.profileFolder = profileFolder;
    }

    /// <summary>Starts the browser on a port the system picks and connects to its first page.</summary>
    public static async Task<HeadlessChromium> StartAsync()
    {
        var profile = Directory.CreateTempSubdirectory("supertune-chromium-").FullName;
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-address=127.0.0.1",
                     "--remote-debugging-port=0", $"--user-data-dir={profile}", "--no-first-run",
                     "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-extensions", "--disable-default-apps", "--metrics-recording-only",
                     "about:blank",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{ExecutablePath} did not start.");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var port = await ReadDevToolsPortAsync(process);
            using var http = new HttpClient { Timeout = StartTimeout };
            var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
            var page = targets.First(target => (string?)target!["type"] == "page")!;
            using var timeout = new CancellationTokenSource(StartTimeout);
            await browser.socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), timeout.Token);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits until its document has loaded.</summary>
    public async Task NavigateAsync(string url)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await WaitForAsync("document.readyState === 'complete' && location.href !== 'about:blank'");
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate",
            new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException($"The page threw on `{expression}`: {exception.ToJsonString()}");
        }

        return result["result"]!["value"];
    }

    /// <summary>Polls <paramref name="condition"/> until it is true, for at most <paramref name="seconds"/>.</summary>
    public async Task WaitForAsync(string condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await EvaluateAsync($"Boolean({condition})") is JsonValue value && value.GetValue<bool>()) return;
            if (DateTime.UtcNow > deadline)
            {
                var text = await EvaluateAsync("document.body ? document.body.innerText : ''");
                throw new TimeoutException($"Timed out after {seconds} s waiting for `{condition}`; page text: {text}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Focuses the element that <paramref name="selector"/> matches and types <paramref name="text"/>.</summary>
    public async Task TypeAsync(string selector, string text)
    {
        await EvaluateAsync($"document.querySelector({JsonSerializer.Serialize(selector)}).focus()");
        await SendAsync("Input.insertText", new JsonObject { ["text"] = text });
    }

    /// <summary>Clicks the middle of the element that <paramref name="selector"/> matches with the mouse.</summary>
    public async Task ClickAsync(string selector)
    {
        var box = (await EvaluateAsync(
            $"(() => {{ const r = document.querySelector({JsonSerializer.Serialize(selector)}).getBoundingClientRect(); " +
            "return [r.left + r.width / 2, r.top + r.height / 2]; })()"))!.AsArray();
        foreach (var type in new[] { "mousePressed", "mouseReleased" })
        {
            await SendAsync("Input.dispatchMouseEvent", new JsonObject
            {
                ["type"] = type, ["x"] = (double)box[0]!, ["y"] = (double)box[1]!, ["button"] = "left",
                ["clickCount"] = 1,
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        socket.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(profileFolder, recursive: true);
        }
        catch (IOException)
        {
            // A helper process may still be closing a file; the folder is in the temporary directory.
        }
    }

    // Sends one command and reads messages until its reply, skipping the events in between.
    private async Task<JsonNode> SendAsync(string method, JsonObject parameters)
    {
        var id = ++nextId;
        var request = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true,
            timeout.Token);
        while (true)
        {
            var message = await ReceiveAsync(timeout.Token);
            if ((int?)message["id"] != id) continue;
            if (message["error"] is { } error)
            {
                throw new InvalidOperationException($"DevTools rejected {method}: {error.ToJsonString()}");
            }

            return message["result"]!;
        }
    }

    private async Task<JsonNode> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(chunk, cancellationToken);
            buffer.Write(chunk, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return JsonNode.Parse(buffer.ToArray())!;
    }

    // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on standard error.
    private static async Task<int> ReadDevToolsPortAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var seen = new StringBuilder();
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            var match = DevToolsLine().Match(line);
            if (match.Success)
            {
                // Keep draining standard error so that the browser never blocks on a full pipe.
                _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{ExecutablePath} exited before it listened for DevTools: {seen}");
    }

    [GeneratedRegex(@"DevTools listening on ws://127\.0\.0\.1:(\d+)/")]
    private static partial Regex DevToolsLine();
}
