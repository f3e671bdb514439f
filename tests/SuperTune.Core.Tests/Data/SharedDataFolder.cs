namespace SuperTune.Core.Tests.Data;

/// <summary>Location of the benchmark datasets, a <c>shared/data</c> folder beside the checkout.</summary>
internal static class SharedDataFolder
{
    /// <summary>
    /// The first <c>shared/data</c> folder inside the test binary's folder or one of its ancestors, such as
    /// the folder that contains the checkout, or null when there is none.
    /// </summary>
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = System.IO.Path.Combine(folder.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
