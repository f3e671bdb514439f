namespace SuperTune.Training.Tests.Retrieval;

/// <summary>A folder under the system temp folder for one test, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("supertune-retrieval-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
