using SuperTune.Build;

namespace SuperTune.Modeling.Tests.Native;

/// <summary>Checks the libLibTorchSharp.so that the build copied next to this test assembly.</summary>
public sealed class LibTorchSharpOutputTests
{
    private const string LibStdCxxVersion = "GLIBCXX_3.4.32";

    [LinuxFact]
    public void CopiedLibrary_LoadsWithSystemLibStdCxx()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var libStdCxx = ElfVersionNeedPatcher.FindSystemLibStdCxx();

        var systemDefines = libStdCxx != null && ElfVersionNeedPatcher.DefinesVersion(libStdCxx, LibStdCxxVersion);
        var libraryNeedsWeakly = File.Exists(library) && ElfVersionNeedPatcher.IsVersionWeak(library, LibStdCxxVersion);

        Assert.True(File.Exists(library), $"{library} is missing. The build should copy it from TorchSharp-cpu.");
        Assert.True(systemDefines || libraryNeedsWeakly,
            $"{libStdCxx ?? "libstdc++.so.6 (not found)"} lacks {LibStdCxxVersion} and {library} still needs it strongly, " +
            "so the WeakenLibTorchSharpInOutput target of Directory.Build.targets did not patch it.");
    }
}
