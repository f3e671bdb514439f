using SuperTune.Core;
using SuperTune.Core.Predictions;
using SuperTune.Core.Tokenization;

namespace SuperTune.Inference;

/// <summary>
/// Labels texts with an exported classifier (model.onnx, vocab.txt and tokenizer_config.json in one folder)
/// on ONNX Runtime, without libtorch.
/// </summary>
/// <remarks>
/// <see cref="Classify"/> may be called from several threads at once: the tokenizer keeps no state between
/// calls and ONNX Runtime allows concurrent runs of one session. <see cref="Dispose"/> must wait until
/// every call has returned.
/// </remarks>
public sealed class OnnxClassifier : IDisposable
{
    /// <summary>File name of the exported graph in a model folder.</summary>
    public const string ModelFileName = "model.onnx";

    private readonly OnnxModelFolder _model;
    private readonly BertWordPieceTokenizer _tokenizer;
    private readonly string[] _inputNames;
    private readonly int _maxBatchSize;
    private long _runCount;
    private int _disposed;

    private OnnxClassifier(OnnxModelFolder model, string[] inputNames, ModelInfo info, int maxBatchSize)
    {
        _model = model;
        _tokenizer = model.Tokenizer;
        _inputNames = inputNames;
        _maxBatchSize = maxBatchSize;
        Info = info;
    }

    /// <summary>Labels, limits and training details read from the model's metadata.</summary>
    public ModelInfo Info { get; }

    /// <summary>Label names in class-index order.</summary>
    public IReadOnlyList<string> Labels => Info.Labels;

    /// <summary>Number of ONNX Runtime runs so far; each run classifies up to the maximum batch size.</summary>
    public long InferenceRunCount => Interlocked.Read(ref _runCount);

    /// <summary>
    /// Loads the model in <paramref name="modelFolder"/> into one ONNX Runtime session with every graph
    /// optimization enabled.
    /// </summary>
    /// <exception cref="SuperTuneException">
    /// The folder, its model.onnx or its vocab.txt is missing, model.onnx is not a readable ONNX model, or its
    /// inputs, outputs or SuperTune metadata do not match what <c>supertune export</c> writes.
    /// </exception>
    public static OnnxClassifier Load(string modelFolder, OnnxClassifierOptions? options = null)
    {
        options ??= new OnnxClassifierOptions();
        (OnnxModelFolder model, ModelInfo info, string[] inputNames) =
            OnnxModelFolder.Load(modelFolder, options, OnnxModelTasks.Classify);
        return new OnnxClassifier(model, inputNames, info, options.MaxBatchSize);
    }

    /// <summary>
    /// Classifies each text and returns one result per text, in input order. Texts are run shortest first in
    /// batches of at most <see cref="OnnxClassifierOptions.MaxBatchSize"/>; padding is masked, so a text gets
    /// the same scores alone and in a batch, up to float rounding.
    /// </summary>
    /// <exception cref="ArgumentException">An element of <paramref name="texts"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An option of <paramref name="options"/> is out of range.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The classifier was disposed.</exception>
    public IReadOnlyList<ClassificationResult> Classify(IReadOnlyList<string> texts, ClassifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= ClassifyOptions.Default;
        options.Validate();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        IReadOnlyList<EncodedText> encoded = _tokenizer.EncodeBatch(texts, Info.MaxLength);
        int[] order = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].InputIds.Count).ToArray();
        var results = new ClassificationResult[texts.Count];
        for (int start = 0; start < order.Length; start += _maxBatchSize)
        {
            int[] rows = order[start..Math.Min(start + _maxBatchSize, order.Length)];
            float[] logits = Run(PaddedBatch.Create(encoded, rows, _tokenizer.PadId)); // (batch, labels)

            int labelCount = Info.Labels.Count;
            for (int row = 0; row < rows.Length; row++)
            {
                int index = rows[row];
                results[index] = LabelRanking.Rank(logits.AsSpan(row * labelCount, labelCount), Info.Labels,
                    Info.Temperature, Info.OutOfScope, options, texts[index], encoded[index].Truncated);
            }
        }

        return results;
    }

    /// <summary>Releases the ONNX Runtime session; call it once every <see cref="Classify"/> call returned.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _model.Session.Dispose();
        }
    }

    private float[] Run(PaddedBatch batch)
    {
        float[] logits = _model.Run(_inputNames, OnnxGraphContract.Logits, batch, [batch.Shape[0], Info.Labels.Count]);
        Interlocked.Increment(ref _runCount);
        return logits;
    }
}
