using System.Runtime.InteropServices;

namespace SuperTune.Training.Checkpoints;

/// <summary>Flushes files and folders to the disk, so a rename that follows survives a power loss.</summary>
internal static class DurableFiles
{
    /// <summary>Flushes the contents of an existing file to the disk (fsync).</summary>
    public static void FlushFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Flushes a folder's entries (the names created or renamed in it) to the disk. Only Linux and macOS need
    /// and allow this, so on Windows it does nothing.
    /// </summary>
    public static void FlushFolder(string path)
    {
        if (OperatingSystem.IsWindows()) return;

        const int readOnly = 0;
        var descriptor = Open(path, readOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open folder {path} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of folder {path} failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
