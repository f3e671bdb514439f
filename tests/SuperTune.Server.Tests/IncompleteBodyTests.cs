using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

/// <summary>Bodies that end early, stall or are reset get a 4xx or nothing, never a 500 or a logged exception.</summary>
public sealed class IncompleteBodyTests : IDisposable
{
    private const string Head = "POST /v1/classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100\r\nConnection: close\r\n\r\n";

    private readonly ModelFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task BodyEndingEarlyLogsNoException()
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);
        using TcpClient socket = await ConnectAsync(server);

        // Given a head that announces 100 bytes and a body of 10, after which the client stops sending
        NetworkStream stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Head + "{\"text\": \""));
        socket.Client.Shutdown(SocketShutdown.Send);

        // Kestrel takes the end of the stream as a closed connection, so it writes no response and may reset.
        string response;
        try
        {
            response = await ReadToEndAsync(stream);
        }
        catch (IOException)
        {
            response = "";
        }

        HttpExchange next = await HttpExchange.PostAsync(server.Client, "/v1/classify", """{"text": "hello"}""");

        Assert.Equal("", response);
        Assert.Equal(System.Net.HttpStatusCode.OK, next.Status);
        Assert.DoesNotContain("Exception", server.Logs.AllText);
    }

    [Fact]
    public async Task StalledBodyGives408()
    {
        // Kestrel's minimum body data rate, with a grace period of 2 s instead of 5 s to keep the test short
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath, configure: builder =>
            builder.WebHost.ConfigureKestrel(kestrel =>
                kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2))));
        using TcpClient socket = await ConnectAsync(server);

        await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Head + "{\"text\": \""));

        string response = await ReadToEndAsync(socket.GetStream());

        Assert.StartsWith("HTTP/1.1 408 ", response);
        Assert.DoesNotContain("Exception", server.Logs.AllText);
    }

    [Fact]
    public async Task ResetDuringBodyLogsNoException()
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);
        using (TcpClient socket = await ConnectAsync(server))
        {
            await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Head + "{\"text\": \""));
            await Task.Delay(200);
            socket.Client.LingerState = new LingerOption(true, 0); // Close with RST instead of FIN.
        }

        await Task.Delay(500);
        HttpExchange next = await HttpExchange.PostAsync(server.Client, "/v1/classify", """{"text": "hello"}""");

        Assert.Equal(System.Net.HttpStatusCode.OK, next.Status);
        Assert.DoesNotContain("Exception", server.Logs.AllText);
    }

    private static async Task<TcpClient> ConnectAsync(RunningServer server)
    {
        var address = new Uri(server.App.Urls.Single());
        var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        return socket;
    }

    private static async Task<string> ReadToEndAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(timeout.Token);
    }
}
