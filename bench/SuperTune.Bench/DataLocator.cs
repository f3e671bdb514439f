namespace SuperTune.Bench;

/// <summary>Finds the repository root and the shared data folder that sits beside it.</summary>
public static class DataLocator
{
    /// <summary>Returns the folder containing SuperTune.slnx, searching up from the working directory.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SuperTune.slnx"))) return folder.FullName;
        }

        throw new InvalidOperationException("Run the benchmark from inside the SuperTune repository.");
    }

    /// <summary>Returns shared/data/NAME beside the repository (or an ancestor), or null when absent.</summary>
    public static string? Find(string name)
    {
        for (var folder = new DirectoryInfo(RepositoryRoot()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "data", name);
            if (Directory.Exists(candidate)) return candidate;
        }

        return null;
    }
}
