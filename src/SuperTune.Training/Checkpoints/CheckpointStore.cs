using System.Globalization;
using System.Text.Json;
using SuperTune.Core;
using SuperTune.Modeling.Weights;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperTune.Training.Checkpoints;

/// <summary>
/// Training checkpoints in a run's <c>checkpoints/</c> folder, one <c>checkpoint-STEP</c> folder each (the layout
/// of transformers' Trainer): the weights, the best epoch's weights when they differ, AdamW's moments, libtorch's
/// random generator state and <see cref="TrainerState"/>. A checkpoint is written under a temporary name, flushed
/// to the disk and renamed, so a crash at any moment leaves only complete checkpoints; older ones are pruned.
/// A run of several trainer stages gives each stage its own store in a subfolder (<see cref="Stage"/>), so the
/// folder a checkpoint sits in names its stage and step numbers of different stages never collide.
/// </summary>
public sealed class CheckpointStore
{
    private const string Prefix = "checkpoint-";
    private const string StateFile = "trainer_state.json";
    private const string ModelFile = "model.safetensors";
    private const string BestModelFile = "best_model.safetensors";
    private const string OptimizerFile = "optimizer.bin";
    private const string RandomStateFile = "rng_state.bin";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <param name="folder">The <c>checkpoints</c> folder; created on the first save.</param>
    /// <param name="keep">How many of the newest checkpoints to keep (transformers' save_total_limit).</param>
    public CheckpointStore(string folder, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        Folder = folder;
        Keep = keep;
    }

    /// <summary>The <c>checkpoints</c> folder.</summary>
    public string Folder { get; }

    /// <summary>How many checkpoints are kept.</summary>
    public int Keep { get; }

    /// <summary>
    /// The store of an earlier stage whose checkpoints this store's first checkpoint makes obsolete, or null. They
    /// are deleted only after that checkpoint is complete on the disk, so a crash in between leaves both.
    /// </summary>
    public CheckpointStore? Supersedes { get; private init; }

    /// <summary>Returns the complete checkpoint folders, oldest first.</summary>
    public IReadOnlyList<string> List()
    {
        if (!Directory.Exists(Folder)) return [];
        return Directory.EnumerateDirectories(Folder, Prefix + "*")
            .Select(path => (Path: path, Step: StepOf(path)))
            .Where(entry => entry.Step >= 0)
            .OrderBy(entry => entry.Step)
            .Select(entry => entry.Path)
            .ToList();
    }

    /// <summary>Returns whether at least one complete checkpoint exists here or in a stage store inside.</summary>
    public bool HasCheckpoint =>
        List().Count > 0 || StageFolders().Any(folder => new CheckpointStore(folder, Keep).List().Count > 0);

    /// <summary>
    /// Returns the store of one stage of a multi-stage run: the subfolder <paramref name="name"/>, with the same
    /// <see cref="Keep"/>.
    /// </summary>
    /// <param name="supersedes">An earlier stage whose checkpoints the new stage's first checkpoint replaces.</param>
    public CheckpointStore Stage(string name, CheckpointStore? supersedes = null)
    {
        if (name.StartsWith(Prefix, StringComparison.Ordinal) || name.IndexOfAny(['/', '\\', '.']) >= 0)
        {
            throw new ArgumentException($"\"{name}\" cannot name a stage folder.", nameof(name));
        }

        return new CheckpointStore(Path.Combine(Folder, name), Keep) { Supersedes = supersedes };
    }

    /// <summary>Writes a checkpoint atomically and prunes the oldest beyond <see cref="Keep"/>.</summary>
    /// <param name="bestWeights">The best epoch's weights, or null when they equal the model's own.</param>
    public string Save(TrainerState state, nn.Module model, IReadOnlyDictionary<string, Tensor>? bestWeights,
        OptimizerHelper optimizer)
    {
        Directory.CreateDirectory(Folder);
        var final = Path.Combine(Folder, Prefix + state.Step.ToString(CultureInfo.InvariantCulture));
        var temporary = final + ".tmp";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        Directory.CreateDirectory(temporary);

        // Every file is flushed before the rename, and the rename itself after it, so a crash never leaves a
        // checkpoint folder whose files are incomplete.
        SafetensorsFile.Write(Path.Combine(temporary, ModelFile), model.state_dict());
        if (bestWeights is not null) SafetensorsFile.Write(Path.Combine(temporary, BestModelFile), bestWeights);
        using (var stream = File.Create(Path.Combine(temporary, OptimizerFile)))
        using (var writer = new BinaryWriter(stream))
        {
            optimizer.save_state_dict(writer);
        }

        using (var randomState = random.get_rng_state())
        {
            File.WriteAllBytes(Path.Combine(temporary, RandomStateFile), randomState.data<byte>().ToArray());
        }

        File.WriteAllText(Path.Combine(temporary, StateFile), JsonSerializer.Serialize(state, JsonOptions));
        foreach (var file in Directory.EnumerateFiles(temporary)) DurableFiles.FlushFile(file);
        DurableFiles.FlushFolder(temporary);

        if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
        Directory.Move(temporary, final);
        DurableFiles.FlushFolder(Folder);
        Prune();
        if (Supersedes is not null && Directory.Exists(Supersedes.Folder))
        {
            Directory.Delete(Supersedes.Folder, recursive: true);
        }

        return final;
    }

    /// <summary>Returns the state of the newest checkpoint with its folder, or null when there is none.</summary>
    public (string Folder, TrainerState State)? Latest()
    {
        var newest = List().LastOrDefault();
        return newest is null ? null : (newest, ReadState(newest));
    }

    /// <summary>
    /// Loads a checkpoint into <paramref name="model"/>, <paramref name="optimizer"/> and libtorch's default
    /// random generator, and returns the best epoch's weights when the checkpoint stores them separately.
    /// </summary>
    /// <exception cref="SuperTuneException">
    /// A file of the checkpoint is missing, truncated or does not fit the model.
    /// </exception>
    public Dictionary<string, Tensor>? Restore(string checkpoint, nn.Module model, OptimizerHelper optimizer,
        Device device)
    {
        var modelPath = RequireFile(checkpoint, ModelFile);
        LoadInto(model, SafetensorsFile.Read(modelPath), modelPath);

        var optimizerPath = RequireFile(checkpoint, OptimizerFile);
        try
        {
            using var stream = File.OpenRead(optimizerPath);
            using var reader = new BinaryReader(stream);
            optimizer.load_state_dict(reader);
            optimizer.to(device);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidDataException or IOException)
        {
            throw new SuperTuneException($"{optimizerPath}: the optimizer state cannot be read ({e.Message}).",
                "The checkpoint is damaged; delete its folder to resume from the one before it.");
        }

        var randomPath = RequireFile(checkpoint, RandomStateFile);
        using (var randomState = tensor(File.ReadAllBytes(randomPath)))
        {
            random.set_rng_state(randomState);
        }

        var bestPath = Path.Combine(checkpoint, BestModelFile);
        if (!File.Exists(bestPath)) return null;
        return SafetensorsFile.Read(bestPath).ToDictionary(p => p.Key, p => p.Value.to(device));
    }

    private static TrainerState ReadState(string checkpoint)
    {
        var path = RequireFile(checkpoint, StateFile);
        try
        {
            return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path))
                   ?? throw new JsonException("the file contains null");
        }
        catch (JsonException e)
        {
            throw new SuperTuneException($"{path}: invalid trainer state ({e.Message}).",
                "The checkpoint is damaged; delete its folder to resume from the one before it.");
        }
    }

    private static void LoadInto(nn.Module model, Dictionary<string, Tensor> saved, string path)
    {
        using var noGrad = no_grad();
        foreach (var (name, value) in model.state_dict())
        {
            if (!saved.TryGetValue(name, out var stored))
            {
                throw new SuperTuneException($"{path}: tensor {name} is missing.",
                    "The checkpoint belongs to another model; resume the run that wrote it.");
            }

            if (!stored.shape.SequenceEqual(value.shape))
            {
                throw new SuperTuneException(
                    $"{path}: tensor {name} has shape [{string.Join(", ", stored.shape)}], the model expects " +
                    $"[{string.Join(", ", value.shape)}].", "The checkpoint belongs to another model.");
            }

            value.copy_(stored);
        }

        foreach (var value in saved.Values) value.Dispose();
    }

    private static string RequireFile(string checkpoint, string name)
    {
        var path = Path.Combine(checkpoint, name);
        if (!File.Exists(path))
        {
            throw new SuperTuneException($"{path} is missing, so checkpoint {checkpoint} is incomplete.",
                "Delete that checkpoint folder to resume from the one before it.");
        }

        return path;
    }

    private void Prune()
    {
        var all = List();
        foreach (var old in all.Take(Math.Max(0, all.Count - Keep))) Directory.Delete(old, recursive: true);
    }

    private IEnumerable<string> StageFolders() => Directory.Exists(Folder)
        ? Directory.EnumerateDirectories(Folder)
            .Where(path => !Path.GetFileName(path).StartsWith(Prefix, StringComparison.Ordinal))
        : [];

    private static int StepOf(string path)
    {
        var name = Path.GetFileName(path);
        return int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? step
            : -1;
    }
}
