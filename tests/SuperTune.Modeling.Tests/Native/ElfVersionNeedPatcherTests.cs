using System.Diagnostics;
using System.Runtime.Versioning;
using SuperTune.Build;

namespace SuperTune.Modeling.Tests.Native;

public sealed class ElfVersionNeedPatcherTests : IDisposable
{
    private const string Missing = "GLIBCXX_3.4.32";

    // Two Elf64_Verneed entries, as in libLibTorchSharp.so. The version to patch is the second of three in the first.
    private static readonly VersionNeed[] Needs =
    [
        new("libstdc++.so.6", [("GLIBCXX_3.4.19", 0), (Missing, 0), ("CXXABI_1.3.5", 0)]),
        new("libc.so.6", [("GLIBC_2.2.5", 0), ("GLIBC_2.14", 0)]),
    ];

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("supertune-elf-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void MarkVersionWeak_StrongNeed_ReturnsPatched()
    {
        var path = Write(TestElf.Build(Needs).Bytes);

        var result = ElfVersionNeedPatcher.MarkVersionWeak(path, Missing);

        Assert.Equal(PatchResult.Patched, result);
        Assert.True(ElfVersionNeedPatcher.IsVersionWeak(path, Missing));
    }

    [Fact]
    public void MarkVersionWeak_ChangesOnlyThatVnaFlags()
    {
        var image = TestElf.Build(Needs);
        var path = Write(image.Bytes);
        var flagsOffset = image.VersionNeedOffset + 16 + 16 + 4; // Elf64_Verneed, first Elf64_Vernaux, vna_flags

        ElfVersionNeedPatcher.MarkVersionWeak(path, Missing);

        var patched = File.ReadAllBytes(path);
        var changed = Enumerable.Range(0, patched.Length).Where(i => patched[i] != image.Bytes[i]).ToArray();
        Assert.Equal(image.Bytes.Length, patched.Length);
        Assert.Equal([(int)flagsOffset], changed);
        Assert.Equal(TestElf.Weak, patched[flagsOffset]);
    }

    [Fact]
    public void MarkVersionWeak_OtherNeedsStayStrong()
    {
        var path = Write(TestElf.Build(Needs).Bytes);

        ElfVersionNeedPatcher.MarkVersionWeak(path, Missing);

        foreach (var name in new[] { "GLIBCXX_3.4.19", "CXXABI_1.3.5", "GLIBC_2.2.5", "GLIBC_2.14" })
            Assert.False(ElfVersionNeedPatcher.IsVersionWeak(path, name), name);
    }

    [Fact]
    public void MarkVersionWeak_SecondVerneed_ReturnsPatched()
    {
        var path = Write(TestElf.Build(Needs).Bytes);

        var result = ElfVersionNeedPatcher.MarkVersionWeak(path, "GLIBC_2.14");

        Assert.Equal(PatchResult.Patched, result);
        Assert.True(ElfVersionNeedPatcher.IsVersionWeak(path, "GLIBC_2.14"));
        Assert.False(ElfVersionNeedPatcher.IsVersionWeak(path, Missing));
    }

    [Fact]
    public void MarkVersionWeak_WeakNeed_LeavesFileUntouched()
    {
        VersionNeed[] needs = [new("libstdc++.so.6", [("GLIBCXX_3.4.19", 0), (Missing, TestElf.Weak)])];
        var bytes = TestElf.Build(needs).Bytes;
        var path = Write(bytes);
        var writeTime = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, writeTime);

        var result = ElfVersionNeedPatcher.MarkVersionWeak(path, Missing);

        Assert.Equal(PatchResult.AlreadyWeak, result);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(writeTime, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void MarkVersionWeak_SecondCall_ReturnsAlreadyWeak()
    {
        var path = Write(TestElf.Build(Needs).Bytes);
        ElfVersionNeedPatcher.MarkVersionWeak(path, Missing);
        var afterFirstCall = File.ReadAllBytes(path);

        var result = ElfVersionNeedPatcher.MarkVersionWeak(path, Missing);

        Assert.Equal(PatchResult.AlreadyWeak, result);
        Assert.Equal(afterFirstCall, File.ReadAllBytes(path));
    }

    [Fact]
    public void MarkVersionWeak_UnknownVersion_ReturnsNotReferenced()
    {
        var bytes = TestElf.Build(Needs).Bytes;
        var path = Write(bytes);

        var result = ElfVersionNeedPatcher.MarkVersionWeak(path, "GLIBCXX_3.4.33");

        Assert.Equal(PatchResult.VersionNotReferenced, result);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void MarkVersionWeak_NoVerneed_ReturnsNotReferenced()
    {
        var path = Write(TestElf.Build([], ["GLIBCXX_3.4"]).Bytes);

        var result = ElfVersionNeedPatcher.MarkVersionWeak(path, Missing);

        Assert.Equal(PatchResult.VersionNotReferenced, result);
    }

    [Theory]
    [InlineData(4, 1)] // EI_CLASS = ELFCLASS32
    [InlineData(5, 2)] // EI_DATA = ELFDATA2MSB
    [InlineData(0, 0)] // no 0x7f of the ELF magic
    public void MarkVersionWeak_NotElf64LittleEndian_ReturnsNotElf64(int identIndex, byte value)
    {
        var bytes = TestElf.Build(Needs).Bytes;
        bytes[identIndex] = value;
        var path = Write(bytes);

        var result = ElfVersionNeedPatcher.MarkVersionWeak(path, Missing);

        Assert.Equal(PatchResult.NotElf64, result);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void MarkVersionWeak_TextFile_ReturnsNotElf64()
    {
        var path = Write("#!/bin/sh\necho not a library\n"u8.ToArray());

        Assert.Equal(PatchResult.NotElf64, ElfVersionNeedPatcher.MarkVersionWeak(path, Missing));
    }

    [Theory]
    [InlineData(6)]  // e_ident only
    [InlineData(63)] // one byte short of Elf64_Ehdr
    public void MarkVersionWeak_TruncatedHeader_Throws(int length)
    {
        var path = Write(TestElf.Build(Needs).Bytes[..length]);

        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionWeak(path, Missing));

        Assert.Contains(path, error.Message);
        Assert.Contains("shorter than the 64-byte ELF header", error.Message);
    }

    [Fact]
    public void MarkVersionWeak_TruncatedSectionTable_Throws()
    {
        var bytes = TestElf.Build(Needs).Bytes;
        var path = Write(bytes[..^1]);

        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionWeak(path, Missing));

        Assert.Contains(path, error.Message);
        Assert.Contains("past the end of the file", error.Message);
    }

    [Fact]
    public void MarkVersionWeak_VnNextPastSection_Throws()
    {
        var image = TestElf.Build(Needs);
        BitConverter.TryWriteBytes(image.Bytes.AsSpan((int)image.VersionNeedOffset + 12), 0x1000u); // vn_next
        var path = Write(image.Bytes);

        var error = Assert.Throws<InvalidDataException>(
            () => ElfVersionNeedPatcher.MarkVersionWeak(path, "GLIBC_2.14"));

        Assert.Contains(path, error.Message);
        Assert.Contains("Elf64_Verneed", error.Message);
    }

    [Fact]
    public void MarkVersionWeak_VnaNameOutsideDynstr_Throws()
    {
        var image = TestElf.Build(Needs);
        BitConverter.TryWriteBytes(image.Bytes.AsSpan((int)image.VersionNeedOffset + 16 + 8), 0xffffu); // vna_name
        var path = Write(image.Bytes);

        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionWeak(path, Missing));

        Assert.Contains(path, error.Message);
        Assert.Contains("string table", error.Message);
    }

    [LinuxFact]
    [SupportedOSPlatform("linux")]
    public void MarkVersionWeak_Patched_KeepsModeAndWriteTime()
    {
        var path = Write(TestElf.Build(Needs).Bytes);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead;
        var writeTime = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetUnixFileMode(path, mode);
        File.SetLastWriteTimeUtc(path, writeTime);

        ElfVersionNeedPatcher.MarkVersionWeak(path, Missing);

        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(writeTime, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void MarkVersionWeak_Patched_LeavesNoTemporaryFile()
    {
        var path = Write(TestElf.Build(Needs).Bytes);

        ElfVersionNeedPatcher.MarkVersionWeak(path, Missing);

        Assert.Equal([path], Directory.GetFiles(folder.FullName));
    }

    [LinuxFact]
    public void MarkVersionWeak_HardLinkedFile_LeavesOtherLinkUnchanged()
    {
        var bytes = TestElf.Build(Needs).Bytes;
        var original = Write(bytes);
        var link = Path.Combine(folder.FullName, "linked.so");
        using (var ln = Process.Start("ln", [original, link]))
            ln.WaitForExit();

        ElfVersionNeedPatcher.MarkVersionWeak(link, Missing);

        Assert.Equal(bytes, File.ReadAllBytes(original));
        Assert.True(ElfVersionNeedPatcher.IsVersionWeak(link, Missing));
    }

    [LinuxFact]
    public void MarkVersionWeak_SymbolicLink_LeavesTargetUnchanged()
    {
        var bytes = TestElf.Build(Needs).Bytes;
        var target = Write(bytes);
        var link = Path.Combine(folder.FullName, "linked.so");
        File.CreateSymbolicLink(link, target);

        ElfVersionNeedPatcher.MarkVersionWeak(link, Missing);

        Assert.Equal(bytes, File.ReadAllBytes(target));
        Assert.True(ElfVersionNeedPatcher.IsVersionWeak(link, Missing));
    }

    [Fact]
    public void DefinesVersion_DefinedVersion_ReturnsTrue()
    {
        var path = Write(TestElf.Build(Needs, ["libstdc++.so.6", "GLIBCXX_3.4", Missing]).Bytes);

        Assert.True(ElfVersionNeedPatcher.DefinesVersion(path, Missing));
    }

    [Fact]
    public void DefinesVersion_UndefinedVersion_ReturnsFalse()
    {
        var path = Write(TestElf.Build(Needs, ["libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.30"]).Bytes);

        Assert.False(ElfVersionNeedPatcher.DefinesVersion(path, Missing));
    }

    [Fact]
    public void DefinesVersion_NeededOnlyVersion_ReturnsFalse()
    {
        var path = Write(TestElf.Build(Needs).Bytes);

        Assert.False(ElfVersionNeedPatcher.DefinesVersion(path, Missing));
    }

    [LinuxFact]
    public void DefinesVersion_SystemLibStdCxx_DefinesGlibcxx34()
    {
        var libStdCxx = ElfVersionNeedPatcher.FindSystemLibStdCxx();

        Assert.NotNull(libStdCxx);
        Assert.True(ElfVersionNeedPatcher.DefinesVersion(libStdCxx, "GLIBCXX_3.4"));
        Assert.False(ElfVersionNeedPatcher.DefinesVersion(libStdCxx, "GLIBCXX_9.9.99"));
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(folder.FullName, "libtest.so");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
