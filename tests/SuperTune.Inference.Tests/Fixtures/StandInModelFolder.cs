namespace SuperTune.Inference.Tests.Fixtures;

/// <summary>The default <see cref="StandInModel"/> written once into a temporary folder, for a test class.</summary>
public sealed class StandInModelFolder : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public StandInModelFolder()
    {
        Path = _folder.Combine("intents");
        Model.WriteTo(Path);
    }

    public StandInModel Model { get; } = new();

    public string Path { get; }

    public void Dispose() => _folder.Dispose();
}
