using SuperTune.Core;
using SuperTune.Core.Models;

namespace SuperTune.Core.Tests.Models;

public class AtomicFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("supertune-atomic-").FullName;

    [Fact]
    public void UncommittedFolderLeavesNothing()
    {
        var target = Path.Combine(root, "model");

        using (var folder = AtomicFolder.Begin(target, "--out"))
        {
            File.WriteAllText(Path.Combine(folder.StagingPath, "config.json"), "{}");
        }

        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(root));
    }

    [Theory]
    [InlineData("model.safetensors")]
    [InlineData("model.onnx")]
    [InlineData("config.json")]
    public void ResultsNeverReplaceModelFolder(string modelFile)
    {
        // Evaluating with --out equal to --model once deleted the model it had just read.
        var target = Path.Combine(root, "model");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, modelFile), "weights");
        File.WriteAllText(Path.Combine(target, "metrics.json"), "{}");

        var error = Assert.Throws<SuperTuneException>(() => AtomicFolder.Begin(target, "--out", requireModelConfig: false));

        Assert.Contains(modelFile, error.Message);
        Assert.Contains("evaluations", error.Hint);
        Assert.True(File.Exists(Path.Combine(target, modelFile)));
    }

    [Fact]
    public void CommitReplacesEarlierModelFolder()
    {
        var target = Path.Combine(root, "model");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "config.json"), """{ "supertune": { "task": "classify" } }""");

        using (var folder = AtomicFolder.Begin(target, "--out"))
        {
            File.WriteAllText(Path.Combine(folder.StagingPath, "config.json"), "new");
            folder.Commit();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "config.json")));
        Assert.Single(Directory.GetFileSystemEntries(root));
    }

    [Fact]
    public void RetrievalModelFolderIsReplaceable()
    {
        // A retrieval model folder after evaluation: its options file and the knowledge-base cache.
        var target = Path.Combine(root, "faq");
        Directory.CreateDirectory(Path.Combine(target, "kb_cache"));
        File.WriteAllText(Path.Combine(target, "config.json"), """{ "supertune": { "task": "retrieval" } }""");
        File.WriteAllText(Path.Combine(target, "retrieval_options.json"), "{}");

        AtomicFolder.EnsureReplaceable(target, "--out");
    }

    [Fact]
    public void FolderWithOtherFilesIsRejected()
    {
        var target = Path.Combine(root, "documents");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");

        var error = Assert.Throws<SuperTuneException>(() => AtomicFolder.Begin(target, "--out"));

        Assert.Contains("--out", error.Message);
        Assert.Contains(target, error.Message);
    }

    [Fact]
    public void ForeignConfigJsonIsNotReplaced()
    {
        var target = Path.Combine(root, "project");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "config.json"), """{ "name": "my web app" }""");

        var error = Assert.Throws<SuperTuneException>(() => AtomicFolder.Begin(target, "--out"));

        Assert.Contains("not a SuperTune model folder", error.Message);
        Assert.True(File.Exists(Path.Combine(target, "config.json")));
    }

    [Fact]
    public void ModelFolderWithUserFileIsNotReplaced()
    {
        var target = Path.Combine(root, "model");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "config.json"), """{ "supertune": {} }""");
        File.WriteAllText(Path.Combine(target, "data.csv"), "text,label");

        var error = Assert.Throws<SuperTuneException>(() => AtomicFolder.Begin(target, "--out"));

        Assert.Contains("data.csv", error.Message);
    }

    [Fact]
    public void AbandonedStagingFolderIsRemoved()
    {
        var target = Path.Combine(root, "model");
        var abandoned = Path.Combine(root, $".model.partial-{int.MaxValue}-0123");
        Directory.CreateDirectory(abandoned);

        using (AtomicFolder.Begin(target, "--out"))
        {
            Assert.False(Directory.Exists(abandoned));
        }
    }

    [Theory]
    [InlineData("checkpoints/checkpoint-4")]
    [InlineData("checkpoints/contrastive/checkpoint-4")]
    public void StagingFolderWithCheckpointIsResumable(string checkpoint)
    {
        // A dead process's staging folder, with a checkpoint of a one-stage run or of a stage of a few-shot run.
        var target = Path.Combine(root, "model");
        var interrupted = Path.Combine(root, $".model.partial-{int.MaxValue}-0123");
        Directory.CreateDirectory(Path.Combine(interrupted, checkpoint));
        File.WriteAllText(Path.Combine(interrupted, AtomicFolder.ResumableMarker), "{}");

        Assert.Equal(interrupted, AtomicFolder.FindResumable(target));
        Assert.Equal(0, AtomicFolder.RemoveAbandonedStaging(target));
    }

    [Fact]
    public void UnfinishedStageCheckpointIsNotResumable()
    {
        var target = Path.Combine(root, "model");
        var interrupted = Path.Combine(root, $".model.partial-{int.MaxValue}-0123");
        Directory.CreateDirectory(Path.Combine(interrupted, "checkpoints", "contrastive", "checkpoint-4.tmp"));
        File.WriteAllText(Path.Combine(interrupted, AtomicFolder.ResumableMarker), "{}");

        Assert.Null(AtomicFolder.FindResumable(target));
    }

    [Fact]
    public void PathUnderAFileIsRejected()
    {
        var file = Path.Combine(root, "notes.txt");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<SuperTuneException>(() => AtomicFolder.Begin(Path.Combine(file, "model"), "--out"));

        Assert.Contains("is a file", error.Message);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
