using System.Security.Cryptography;
using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Core.Tokenization;
using SuperTune.Modeling.Bert;
using SuperTune.Modeling.Checkpoints;
using SuperTune.Modeling.Weights;

namespace SuperTune.Training.Retrieval;

/// <summary>
/// A loaded sentence encoder for libtorch, either a fine-tuned retrieval folder or an untuned base, with the
/// embedder and the answer settings that go with it.
/// </summary>
public sealed class SentenceEncoderModel : IDisposable
{
    private SentenceEncoderModel(BertForSentenceEmbedding model, BertWordPieceTokenizer tokenizer, string fingerprint,
        RetrievalSettings? settings, string? folder)
    {
        Model = model;
        Tokenizer = tokenizer;
        Settings = settings;
        Folder = folder;
        MaxLength = Math.Min(model.Config.SuperTune?.MaxLength ?? 128, model.Config.MaxPositionEmbeddings);
        Embedder = new TorchSentenceEmbedder(model, tokenizer, MaxLength, fingerprint);
    }

    public BertForSentenceEmbedding Model { get; }

    public BertWordPieceTokenizer Tokenizer { get; }

    public TorchSentenceEmbedder Embedder { get; }

    public int MaxLength { get; }

    /// <summary>Match field and thresholds from config.json; null for an untuned base.</summary>
    public RetrievalSettings? Settings { get; }

    /// <summary>The model folder, where the knowledge-base cache lives; null for the bundled base.</summary>
    public string? Folder { get; }

    /// <summary>Loads a folder written by <c>supertune train --task retrieval</c>.</summary>
    public static SentenceEncoderModel LoadFolder(string folder)
    {
        var (model, tokenizer) = SentenceEmbeddingFolder.Load(folder);
        var settings = model.Config.SuperTune?.Retrieval
            ?? throw new SuperTuneException($"{folder}/config.json: supertune.retrieval is missing.",
                "Train the model again with `supertune train --task retrieval`.");
        var fingerprint = "torch:" + HashFile(Path.Combine(folder, SequenceClassifierFolder.WeightsFile));
        return new SentenceEncoderModel(model, tokenizer, fingerprint, settings, folder);
    }

    /// <summary>Loads an untuned base encoder (by default the bundled all-MiniLM-L6-v2) with mean pooling.</summary>
    public static SentenceEncoderModel LoadBase(string? spec, int maxLength)
    {
        using var pretrained = PretrainedBase.Load(spec);
        var config = pretrained.Config with
        {
            SuperTune = new SuperTuneModelSettings
            {
                Task = SentenceEmbeddingFolder.Task,
                Pooling = PoolingNames.Mean,
                MaxLength = Math.Min(maxLength, pretrained.Config.MaxPositionEmbeddings),
                BaseModel = pretrained.Name,
            },
        };
        var model = new BertForSentenceEmbedding(config);
        StateDictLoader.Load(model.Bert, pretrained.Weights, pretrained.Name);
        model.eval();
        return new SentenceEncoderModel(model, pretrained.Tokenizer, "torch:base:" + pretrained.Name, null, null);
    }

    public void Dispose() => Model.Dispose();

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
