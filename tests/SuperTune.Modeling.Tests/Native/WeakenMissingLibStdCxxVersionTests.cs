using Microsoft.Build.Utilities;
using SuperTune.Build;

namespace SuperTune.Modeling.Tests.Native;

public sealed class WeakenMissingLibStdCxxVersionTests : IDisposable
{
    private const string Missing = "GLIBCXX_3.4.32";

    private static readonly VersionNeed[] Needs =
        [new("libstdc++.so.6", [("GLIBCXX_3.4.19", 0), (Missing, 0)])];

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("supertune-task-");
    private readonly RecordingBuildEngine engine = new();

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Execute_VersionMissing_PatchesEveryFile()
    {
        var libStdCxx = Write("libstdc++.so.6", TestElf.Build([], ["GLIBCXX_3.4", "GLIBCXX_3.4.30"]).Bytes);
        var first = Write("first.so", TestElf.Build(Needs).Bytes);
        var second = Write("second.so", TestElf.Build(Needs).Bytes);

        var succeeded = CreateTask(libStdCxx, first, second).Execute();

        Assert.True(succeeded);
        Assert.True(ElfVersionNeedPatcher.IsVersionWeak(first, Missing));
        Assert.True(ElfVersionNeedPatcher.IsVersionWeak(second, Missing));
        Assert.Equal(2, engine.Messages.Count);
        Assert.Contains($"Marked the need for {Missing} weak in {first} because {libStdCxx} does not define it.",
            engine.Messages);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void Execute_VersionDefined_LeavesFilesUnchanged()
    {
        var libStdCxx = Write("libstdc++.so.6", TestElf.Build([], ["GLIBCXX_3.4", Missing]).Bytes);
        var bytes = TestElf.Build(Needs).Bytes;
        var file = Write("libLibTorchSharp.so", bytes);

        var succeeded = CreateTask(libStdCxx, file).Execute();

        Assert.True(succeeded);
        Assert.Equal(bytes, File.ReadAllBytes(file));
        var message = Assert.Single(engine.Messages);
        Assert.Equal($"{libStdCxx} defines {Missing}, so the native library copies were left unchanged.", message);
    }

    [Fact]
    public void Execute_AlreadyPatched_ReportsAlreadyWeak()
    {
        var libStdCxx = Write("libstdc++.so.6", TestElf.Build([], ["GLIBCXX_3.4"]).Bytes);
        var file = Write("libLibTorchSharp.so", TestElf.Build(Needs).Bytes);
        ElfVersionNeedPatcher.MarkVersionWeak(file, Missing);

        var succeeded = CreateTask(libStdCxx, file).Execute();

        Assert.True(succeeded);
        Assert.Equal([$"{file} already marks the need for {Missing} weak."], engine.Messages);
    }

    [Fact]
    public void Execute_TruncatedFile_LogsError()
    {
        var libStdCxx = Write("libstdc++.so.6", TestElf.Build([], ["GLIBCXX_3.4"]).Bytes);
        var file = Write("libLibTorchSharp.so", TestElf.Build(Needs).Bytes[..100]);

        var succeeded = CreateTask(libStdCxx, file).Execute();

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.StartsWith($"Failed to mark {Missing} weak in {file}: {file}: invalid ELF64 file", error);
        Assert.EndsWith("Delete the file and build again so MSBuild copies it from the NuGet package.", error);
    }

    [Fact]
    public void Execute_MissingLibStdCxx_LogsError()
    {
        var libStdCxx = Path.Combine(folder.FullName, "absent", "libstdc++.so.6");
        var file = Write("libLibTorchSharp.so", TestElf.Build(Needs).Bytes);

        var succeeded = CreateTask(libStdCxx, file).Execute();

        Assert.False(succeeded);
        Assert.StartsWith($"Failed to read the version definitions of {libStdCxx}:", Assert.Single(engine.Errors));
    }

    private WeakenMissingLibStdCxxVersion CreateTask(string libStdCxx, params string[] files) => new()
    {
        BuildEngine = engine,
        Files = [.. files.Select(file => new TaskItem(file))],
        VersionName = Missing,
        LibStdCxxPath = libStdCxx,
    };

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
