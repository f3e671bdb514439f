namespace SuperTune.Core.Models;

/// <summary>
/// Writes a folder under a temporary sibling name and renames it into place when complete, so a crash leaves
/// either the previous folder or the new one, never a half-written folder under the target name.
/// </summary>
public sealed class AtomicFolder : IDisposable
{
    /// <summary>
    /// File that marks a staging folder as resumable: a training run writes it with its request, and a staging
    /// folder that has it and a <c>checkpoints/checkpoint-*</c> or <c>checkpoints/STAGE/checkpoint-*</c> folder is
    /// kept for <c>--resume</c>.
    /// </summary>
    public const string ResumableMarker = "run.json";

    private bool committed;
    private Func<bool> keep = () => false;

    private AtomicFolder(string target, string staging)
    {
        Target = target;
        StagingPath = staging;
    }

    /// <summary>The final folder.</summary>
    public string Target { get; }

    /// <summary>The temporary folder to write into; it sits beside the target so the rename stays on one disk.</summary>
    public string StagingPath { get; }

    /// <summary>
    /// Creates the staging folder for <paramref name="target"/>. The target may be absent, empty, or an earlier
    /// model folder (one with config.json), which the commit replaces; anything else is refused, naming
    /// <paramref name="optionName"/>.
    /// </summary>
    public static AtomicFolder Begin(string target, string optionName, bool requireModelConfig = true)
    {
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        EnsureReplaceable(full, optionName, requireModelConfig);
        RemoveAbandonedStaging(full);

        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return new AtomicFolder(full, staging);
    }

    /// <summary>
    /// Checks that <paramref name="target"/> may be written, before any long work starts: it must be absent, an
    /// empty folder, or a folder that SuperTune wrote (only <see cref="OutputEntries"/>, with a config.json that
    /// has a <c>supertune</c> section). Anything else may hold the user's own files and is refused.
    /// </summary>
    /// <param name="requireModelConfig">False for folders without config.json, such as evaluation results.</param>
    public static void EnsureReplaceable(string target, string optionName, bool requireModelConfig = true)
    {
        var full = Path.GetFullPath(target);
        for (var folder = Path.GetDirectoryName(full); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                throw new SuperTuneException($"{optionName} {target}: {folder} is a file, so no folder can be created there.");
            }
        }

        if (File.Exists(full))
        {
            throw new SuperTuneException($"{optionName} {target} is a file; it must be a folder path.");
        }

        if (!Directory.Exists(full) || !Directory.EnumerateFileSystemEntries(full).Any()) return;

        // Results (evaluations, multi-seed summaries) never replace a folder with a trained model in it.
        var model = ModelFiles.FirstOrDefault(name => File.Exists(Path.Combine(full, name)));
        if (!requireModelConfig && model is not null)
        {
            throw new SuperTuneException(
                $"{optionName} {target} contains a trained model ({model}), which these results would replace.",
                $"Choose a new or empty folder for {optionName}, such as {Path.Combine(target, "evaluations", "run1")}.");
        }

        var foreign = Directory.EnumerateFileSystemEntries(full)
            .Select(Path.GetFileName)
            .FirstOrDefault(name => !OutputEntries.Contains(name!));
        if (foreign is not null || (requireModelConfig && !WrittenBySuperTune(Path.Combine(full, "config.json"))))
        {
            var reason = foreign is not null ? $"it contains {foreign}, which SuperTune did not write" : "it is not a SuperTune model folder";
            throw new SuperTuneException($"{optionName} {target} exists and {reason}, so it will not be replaced.",
                $"Choose a new or empty folder for {optionName}.");
        }
    }

    /// <summary>Files that make a folder a trained model, which only a new training run may replace.</summary>
    private static readonly string[] ModelFiles = ["model.safetensors", "model.onnx", "config.json"];

    /// <summary>Names that a SuperTune model folder may contain; a folder with anything else is not replaced.</summary>
    public static readonly IReadOnlySet<string> OutputEntries = new HashSet<string>(StringComparer.Ordinal)
    {
        "config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json", "training_options.json",
        "metrics.json", "metrics.jsonl", "report.md", "confusion.csv", "confusion.png", "errors.csv", "model.onnx",
        "entity_errors.jsonl", "evaluations", "retrieval_options.json", "kb_cache", "seeds",
    };

    /// <summary>Deletes staging folders beside <paramref name="target"/> left by processes that no longer run.</summary>
    /// <returns>The number of folders removed.</returns>
    public static int RemoveAbandonedStaging(string target)
    {
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent)) return 0;

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(parent, $".{Path.GetFileName(full)}.partial-*"))
        {
            // Names are ".NAME.partial-PID-GUID"; a live process keeps its own folder.
            var suffix = Path.GetFileName(folder)[(Path.GetFileName(full).Length + ".partial-".Length + 1)..];
            var pidText = suffix.Split('-')[0];
            if (int.TryParse(pidText, out var pid) && ProcessIsAlive(pid)) continue;
            if (IsResumable(folder)) continue;
            Directory.Delete(folder, recursive: true);
            removed++;
        }

        return removed;
    }

    /// <summary>
    /// Returns the newest staging folder of <paramref name="target"/> that an interrupted training run left with
    /// checkpoints, or null. Folders of processes that still run are skipped.
    /// </summary>
    public static string? FindResumable(string target)
    {
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent)) return null;

        return Directory.EnumerateDirectories(parent, $".{Path.GetFileName(full)}.partial-*")
            .Where(IsResumable)
            .Where(folder => !OwnerIsAlive(full, folder))
            .OrderByDescending(Directory.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }

    /// <summary>
    /// Takes over the staging folder an interrupted run left for <paramref name="target"/>, renaming it to this
    /// process so that it counts as live, and returns it for writing and committing.
    /// </summary>
    /// <exception cref="SuperTuneException">
    /// No resumable staging folder exists. The message names <paramref name="optionName"/>.
    /// </exception>
    public static AtomicFolder Resume(string target, string optionName)
    {
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        var interrupted = FindResumable(full) ?? throw new SuperTuneException(
            $"{optionName} {target}: no interrupted run with checkpoints was found beside it " +
            $"(a folder named .{Path.GetFileName(full)}.partial-* with {ResumableMarker} and checkpoints/).",
            "Pass the --out folder of a training run that was stopped after writing its first checkpoint.");

        EnsureReplaceable(full, optionName);
        var staging = Path.Combine(Path.GetDirectoryName(full)!,
            $".{Path.GetFileName(full)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.Move(interrupted, staging);
        return new AtomicFolder(full, staging);
    }

    private static bool IsResumable(string folder)
    {
        // A run of several stages (few-shot training) keeps each stage's checkpoints in a subfolder of its own.
        var checkpoints = Path.Combine(folder, "checkpoints");
        if (!File.Exists(Path.Combine(folder, ResumableMarker)) || !Directory.Exists(checkpoints)) return false;
        return HasCompleteCheckpoint(checkpoints) || Directory.EnumerateDirectories(checkpoints)
            .Where(stage => !Path.GetFileName(stage).StartsWith("checkpoint-", StringComparison.Ordinal))
            .Any(HasCompleteCheckpoint);
    }

    private static bool HasCompleteCheckpoint(string checkpoints) =>
        Directory.EnumerateDirectories(checkpoints, "checkpoint-*")
            .Any(checkpoint => !checkpoint.EndsWith(".tmp", StringComparison.Ordinal));

    private static bool OwnerIsAlive(string target, string folder)
    {
        var suffix = Path.GetFileName(folder)[(Path.GetFileName(target).Length + ".partial-".Length + 1)..];
        return int.TryParse(suffix.Split('-')[0], out var pid) && pid != Environment.ProcessId && ProcessIsAlive(pid);
    }

    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool WrittenBySuperTune(string configPath)
    {
        if (!File.Exists(configPath)) return false;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(configPath));
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                   && document.RootElement.TryGetProperty("supertune", out _);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Moves the staging folder to the target, replacing an earlier model folder there.</summary>
    public void Commit()
    {
        string? previous = null;
        if (Directory.Exists(Target))
        {
            previous = StagingPath.Replace(".partial-", ".previous-", StringComparison.Ordinal);
            Directory.Move(Target, previous);
        }

        Directory.Move(StagingPath, Target);
        committed = true;
        if (previous is not null) Directory.Delete(previous, recursive: true);
    }

    /// <summary>
    /// Leaves the staging folder on disk, for a later resume, when this object is disposed uncommitted while
    /// <paramref name="condition"/> returns true.
    /// </summary>
    public void KeepForResumeWhen(Func<bool> condition) => keep = condition;

    /// <summary>Deletes the staging folder unless it was committed or is kept for a resume.</summary>
    public void Dispose()
    {
        if (!committed && !keep() && Directory.Exists(StagingPath)) Directory.Delete(StagingPath, recursive: true);
    }
}
