namespace SuperTune.Core.Models;

/// <summary>
/// Writes a folder under a temporary sibling name and renames it into place when complete, so a crash leaves
/// either the previous folder or the new one, never a half-written folder under the target name.
/// </summary>
public sealed class AtomicFolder : IDisposable
{
    private bool committed;

    private AtomicFolder(string target, string staging)
    {
        Target = target;
        StagingPath = staging;
    }

    /// <summary>The final folder.</summary>
    public string Target { get; }

    /// <summary>The temporary folder to write into; it sits beside the target so the rename stays on one disk.</summary>
    public string StagingPath { get; }

    /// <summary>
    /// Creates the staging folder for <paramref name="target"/>. The target may be absent, empty, or an earlier
    /// model folder (one with config.json), which the commit replaces; anything else is refused, naming
    /// <paramref name="optionName"/>.
    /// </summary>
    public static AtomicFolder Begin(string target, string optionName)
    {
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        EnsureReplaceable(full, optionName);

        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return new AtomicFolder(full, staging);
    }

    /// <summary>Checks that <paramref name="target"/> may be written, before any long work starts.</summary>
    public static void EnsureReplaceable(string target, string optionName)
    {
        if (File.Exists(target))
        {
            throw new SuperTuneException($"{optionName} {target} is a file; it must be a folder path.");
        }

        if (Directory.Exists(target)
            && Directory.EnumerateFileSystemEntries(target).Any()
            && !File.Exists(Path.Combine(target, "config.json")))
        {
            throw new SuperTuneException(
                $"{optionName} {target} exists and is not a SuperTune model folder, so it will not be replaced.",
                $"Choose a new or empty folder for {optionName}.");
        }
    }

    /// <summary>Moves the staging folder to the target, replacing an earlier model folder there.</summary>
    public void Commit()
    {
        string? previous = null;
        if (Directory.Exists(Target))
        {
            previous = StagingPath.Replace(".partial-", ".previous-", StringComparison.Ordinal);
            Directory.Move(Target, previous);
        }

        Directory.Move(StagingPath, Target);
        committed = true;
        if (previous is not null) Directory.Delete(previous, recursive: true);
    }

    /// <summary>Deletes the staging folder unless it was committed.</summary>
    public void Dispose()
    {
        if (!committed && Directory.Exists(StagingPath)) Directory.Delete(StagingPath, recursive: true);
    }
}
