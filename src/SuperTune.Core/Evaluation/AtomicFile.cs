namespace SuperTune.Core.Evaluation;

/// <summary>Replaces files so that a reader sees either the old content or the new, never a partial write.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="text"/> as UTF-8 to a temporary file in the folder of <paramref name="path"/>, then
    /// moves it over <paramref name="path"/>. The folder is created when missing. Because both names are in one
    /// folder, the move is a rename within one file system, which POSIX systems perform atomically.
    /// </summary>
    public static void WriteAllText(string path, string text)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);

        var temporaryPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporaryPath, text);
            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporaryPath))
            {
                File.Delete(temporaryPath);
            }
        }
    }
}
