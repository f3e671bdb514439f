using SuperTune.Core;

namespace SuperTune.Training.Search;

/// <summary>
/// An exclusive lock on search.lock in a search folder, held while a search runs, so two processes never train
/// into the same folder. The operating system releases it when the process ends, even by SIGKILL.
/// </summary>
internal sealed class SearchFolderLock : IDisposable
{
    public const string FileName = "search.lock";
    private readonly FileStream stream;

    private SearchFolderLock(FileStream stream) => this.stream = stream;

    /// <exception cref="SuperTuneException">Another process holds the lock.</exception>
    public static SearchFolderLock Acquire(string folder, string optionName)
    {
        Directory.CreateDirectory(folder);
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Linux and macOS.
            return new SearchFolderLock(new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate,
                FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new SuperTuneException($"{optionName} {folder}: another supertune search is running in this folder.",
                "Wait for it to finish, or stop it; an interrupted search continues with `supertune search --resume`.",
                e);
        }
    }

    public void Dispose() => stream.Dispose();
}
