namespace SuperTune.Modeling.Tests.Native;

/// <summary>A fact that runs only on Linux, where glibc loads the native libraries, and is skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
            Skip = "Needs Linux: the check is about the glibc loader and libstdc++.so.6.";
    }
}
