using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using SuperTune.Server.Hosting;
using SuperTune.Server.Tests.Fixtures;

namespace SuperTune.Server.Tests;

public sealed class ReloadTests : IDisposable
{
    private readonly ModelFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task ReloadSwitchesToNamedFolder()
    {
        // Given a server on the intents model
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);
        LoadedModel before = server.Host.Current;

        // When it is reloaded from the greek folder
        HttpExchange reload = await HttpExchange.PostAsync(server.Client, "/v1/models/reload",
            JsonSerializer.Serialize(new { model = _folders.GreekPath }));

        // Then the response, the model list and classification all use the greek labels
        Assert.Equal(HttpStatusCode.OK, reload.Status);
        Assert.Equal("greek", reload.Json.GetProperty("name").GetString());
        HttpExchange models = await HttpExchange.GetAsync(server.Client, "/v1/models");
        Assert.Equal("greek", models.Json.GetProperty("models")[0].GetProperty("name").GetString());
        HttpExchange classified = await HttpExchange.PostAsync(server.Client, "/v1/classify", """{"text": "hello"}""");
        Assert.Equal("greek", classified.Json.GetProperty("model").GetString());
        Assert.Contains(classified.ResultLabels()[0], ModelFolders.Greek.Labels);
        Assert.True(before.IsReleased);
    }

    [Fact]
    public async Task ReloadWithoutBodyLoadsSameFolderAgain()
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);
        LoadedModel before = server.Host.Current;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/models/reload");
        HttpExchange reload = await HttpExchange.SendAsync(server.Client, request);

        Assert.Equal(HttpStatusCode.OK, reload.Status);
        Assert.Equal("intents", reload.Json.GetProperty("name").GetString());
        Assert.NotSame(before, server.Host.Current);
        Assert.True(before.IsReleased);
    }

    [Fact]
    public async Task FailedReloadKeepsCurrentModel()
    {
        // Given a server on the intents model, a folder whose model.onnx is damaged, a missing folder and a
        // path that the file system rejects
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);
        string damaged = _folders.CopyOfIntents();
        File.WriteAllBytes(Path.Combine(damaged, "model.onnx"), [1, 2, 3, 4]);
        string absent = Path.Combine(Path.GetTempPath(), "supertune-absent-" + Guid.NewGuid().ToString("N"));

        foreach (string folder in new[] { damaged, absent, "bad\0path" })
        {
            // When a reload names that folder
            HttpExchange reload = await HttpExchange.PostAsync(server.Client, "/v1/models/reload",
                JsonSerializer.Serialize(new { model = folder }));

            // Then it fails with a problem naming the field, and the intents model still serves requests
            ClassifyEndpointTests.AssertProblem(reload, HttpStatusCode.BadRequest, "model",
                "previous model is still served");
            Assert.DoesNotContain("ONNX", reload.Body);
            HttpExchange classified =
                await HttpExchange.PostAsync(server.Client, "/v1/classify", """{"text": "hello"}""");
            Assert.Equal("intents", classified.Json.GetProperty("model").GetString());
        }

        Assert.Contains("ONNX Runtime failed to load", server.Logs.AllText);
    }

    [Theory]
    [InlineData("""{"model": 3}""", "model")]
    [InlineData("""{"model": ""}""", "model")]
    [InlineData("""{"folder": "x"}""", "folder")]
    [InlineData("""{"model": """, "body")]
    [InlineData("""{"model": "\udc00"}""", "model")]
    [InlineData("""{"\ud800": "x"}""", "body")]
    public async Task InvalidReloadBodyNamesField(string body, string field)
    {
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);

        HttpExchange reload = await HttpExchange.PostAsync(server.Client, "/v1/models/reload", body);

        ClassifyEndpointTests.AssertProblem(reload, HttpStatusCode.BadRequest, field, "");
    }

    [Fact]
    public async Task LeasedModelOutlivesSwap()
    {
        // Given a batch with a lease on the intents model
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);
        ModelLease lease = server.Host.Acquire();
        LoadedModel intents = server.Host.Current;

        // When the greek model is swapped in
        await server.Host.ReloadAsync(_folders.GreekPath, "test", CancellationToken.None);

        // Then the held model still classifies, and is disposed once released
        Assert.False(intents.IsReleased);
        Assert.Contains(lease.Classifier.Classify(["hello"])[0].Label, ModelFolders.Intents.Labels);
        lease.Dispose();
        Assert.True(intents.IsReleased);
        Assert.Throws<ObjectDisposedException>(() => intents.Classifier.Classify(["hello"]));
    }

    [Fact]
    public async Task ReloadUnderLoadFailsNoRequest()
    {
        // Given four clients that classify in a loop
        await using RunningServer server = await RunningServer.StartAsync(_folders.IntentsPath);
        var responses = new ConcurrentQueue<(HttpExchange Response, bool StartedAfterReload)>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        bool reloaded = false;
        async Task ClientAsync()
        {
            for (int i = 0; i < 400 && !stop.IsCancellationRequested; i++)
            {
                bool startedAfterReload = Volatile.Read(ref reloaded);
                HttpExchange response = await HttpExchange.PostAsync(server.Client, "/v1/classify",
                    """{"texts": ["refund please", "where is my order"]}""");
                responses.Enqueue((response, startedAfterReload));
                if (startedAfterReload && responses.Count(r => r.StartedAfterReload) >= 20)
                {
                    return;
                }
            }
        }

        Task[] clients = Enumerable.Range(0, 4).Select(_ => Task.Run(ClientAsync)).ToArray();

        // When the model is swapped while they run
        while (responses.Count < 20)
        {
            await Task.Delay(10);
        }

        HttpExchange reload = await HttpExchange.PostAsync(server.Client, "/v1/models/reload",
            JsonSerializer.Serialize(new { model = _folders.GreekPath }));
        Volatile.Write(ref reloaded, true);
        await Task.WhenAll(clients);

        // Then every request succeeded with the labels of the model it names, and the later ones used greek
        Assert.Equal(HttpStatusCode.OK, reload.Status);
        Assert.All(responses, entry => Assert.Equal(HttpStatusCode.OK, entry.Response.Status));
        foreach ((HttpExchange response, bool startedAfterReload) in responses)
        {
            string model = response.Json.GetProperty("model").GetString()!;
            IReadOnlyList<string> labels = model == "greek" ? ModelFolders.Greek.Labels : ModelFolders.Intents.Labels;
            Assert.All(response.ResultLabels(), label => Assert.Contains(label, labels));
            if (startedAfterReload)
            {
                Assert.Equal("greek", model);
            }
        }

        Assert.Contains(responses, entry => entry.Response.Json.GetProperty("model").GetString() == "intents");
        Assert.Contains(responses, entry => entry.StartedAfterReload);
    }

    [Fact]
    public async Task ChangedModelFileIsReloaded()
    {
        // Given a watched folder with the intents model
        string folder = _folders.CopyOfIntents();
        await using RunningServer server = await RunningServer.StartAsync(folder,
            options => options with { WatchModelFile = true, ModelFileSettleTime = TimeSpan.FromMilliseconds(100) });

        // When its model.onnx is replaced by the greek one, which shares the vocabulary
        string staged = Path.Combine(folder, "model.onnx.tmp");
        File.Copy(Path.Combine(_folders.GreekPath, "model.onnx"), staged);
        File.Move(staged, Path.Combine(folder, "model.onnx"), overwrite: true);

        // Then the server serves the greek labels soon after
        await AssertLabelsBecomeAsync(server, ModelFolders.Greek.Labels);
    }

    [Fact]
    public async Task ReplacedModelFolderIsReloaded()
    {
        // Given a watched folder with the intents model
        string folder = _folders.CopyOfIntents();
        await using RunningServer server = await RunningServer.StartAsync(folder,
            options => options with { WatchModelFile = true, ModelFileSettleTime = TimeSpan.FromMilliseconds(100) });

        // When the whole folder is replaced by renames, as an export does
        string staging = folder + ".partial";
        ModelFolders.Greek.WriteTo(staging);
        Directory.Move(folder, folder + ".previous");
        Directory.Move(staging, folder);
        Directory.Delete(folder + ".previous", recursive: true);

        // Then the server serves the greek labels soon after, and watches the new folder
        await AssertLabelsBecomeAsync(server, ModelFolders.Greek.Labels);
        string intentsModel = Path.Combine(_folders.IntentsPath, "model.onnx");
        File.Copy(intentsModel, Path.Combine(folder, "model.onnx"), overwrite: true);
        await AssertLabelsBecomeAsync(server, ModelFolders.Intents.Labels);
    }

    private static async Task AssertLabelsBecomeAsync(RunningServer server, IReadOnlyList<string> labels)
    {
        IEnumerable<string?> served = [];
        for (int attempt = 0; attempt < 100; attempt++)
        {
            HttpExchange models = await HttpExchange.GetAsync(server.Client, "/v1/models");
            JsonElement model = models.Json.GetProperty("models")[0];
            served = model.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList();
            if (served.SequenceEqual(labels))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Equal(labels, served);
    }
}
