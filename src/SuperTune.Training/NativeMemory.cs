using System.Runtime.InteropServices;

namespace SuperTune.Training;

/// <summary>Returns freed native memory to the operating system where the C library allows it.</summary>
internal static class NativeMemory
{
    private static bool unavailable;

    /// <summary>
    /// Calls glibc's <c>malloc_trim(0)</c>. libtorch frees tensors of many different batch shapes, and glibc keeps
    /// those pages mapped, so without a trim the resident size grows epoch after epoch. Does nothing on other
    /// platforms or C libraries.
    /// </summary>
    public static void Trim()
    {
        if (unavailable || !OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true; // musl and other C libraries have no malloc_trim.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
