namespace SuperTune.Server.Tests.Fixtures;

/// <summary>One server without an API key on the intents model, shared by the tests of a class.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public ModelFolders Folders { get; } = new();

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(Folders.IntentsPath);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Folders.Dispose();
    }
}
