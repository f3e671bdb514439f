using System.Text;

namespace SuperTune.Core.Tests.Data;

/// <summary>A folder under the system temp folder for one test's files, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("supertune-data-tests-").FullName;

    /// <summary>Writes text as UTF-8 without a byte order mark and returns the file's path.</summary>
    public string Write(string name, string content) => WriteBytes(name, Encoding.UTF8.GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        string path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
