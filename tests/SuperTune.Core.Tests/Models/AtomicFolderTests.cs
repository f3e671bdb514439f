using SuperTune.Core;
using SuperTune.Core.Models;

namespace SuperTune.Core.Tests.Models;

public class AtomicFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("supertune-atomic-").FullName;

    [Fact]
    public void UncommittedFolderLeavesNothing()
    {
        var target = Path.Combine(root, "model");

        using (var folder = AtomicFolder.Begin(target, "--out"))
        {
            File.WriteAllText(Path.Combine(folder.StagingPath, "config.json"), "{}");
        }

        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(root));
    }

    [Fact]
    public void CommitReplacesEarlierModelFolder()
    {
        var target = Path.Combine(root, "model");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "config.json"), "old");

        using (var folder = AtomicFolder.Begin(target, "--out"))
        {
            File.WriteAllText(Path.Combine(folder.StagingPath, "config.json"), "new");
            folder.Commit();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "config.json")));
        Assert.Single(Directory.GetFileSystemEntries(root));
    }

    [Fact]
    public void FolderWithOtherFilesIsRejected()
    {
        var target = Path.Combine(root, "documents");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");

        var error = Assert.Throws<SuperTuneException>(() => AtomicFolder.Begin(target, "--out"));

        Assert.Contains("--out", error.Message);
        Assert.Contains(target, error.Message);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
