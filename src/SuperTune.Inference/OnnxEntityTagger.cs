using SuperTune.Core;
using SuperTune.Core.Entities;
using SuperTune.Core.Predictions;

namespace SuperTune.Inference;

/// <summary>
/// Finds entities in texts with an exported entity tagger (model.onnx with task "entities", vocab.txt and
/// tokenizer_config.json in one folder) on ONNX Runtime, without libtorch. Words, first word pieces, BIO decoding,
/// scores and offsets are those of the TorchSharp predictor, through <see cref="TaggerInput"/>.
/// </summary>
/// <remarks>
/// <see cref="Predict"/> may be called from several threads at once, as <see cref="OnnxClassifier.Classify"/> may.
/// The metadata's temperature is not applied: each word's score is the plain softmax probability of its tag, as in
/// training and in the TorchSharp predictor.
/// </remarks>
public sealed class OnnxEntityTagger : IEntityTagger, IDisposable
{
    private readonly OnnxModelFolder _model;
    private readonly string[] _inputNames;
    private readonly int _maxBatchSize;
    private long _runCount;
    private int _disposed;

    private OnnxEntityTagger(OnnxModelFolder model, string[] inputNames, ModelInfo info, int maxBatchSize)
    {
        _model = model;
        _inputNames = inputNames;
        _maxBatchSize = maxBatchSize;
        Info = info;
        EntityTypes = BioTags.EntityTypes(info.Labels);
    }

    /// <summary>Tags, limits and training details read from the model's metadata.</summary>
    public ModelInfo Info { get; }

    /// <summary>The BIO tags in class-index order, such as <c>O</c>, <c>B-city</c>, <c>I-city</c>.</summary>
    public IReadOnlyList<string> Tags => Info.Labels;

    /// <inheritdoc />
    public IReadOnlyList<string> EntityTypes { get; }

    /// <summary>Number of ONNX Runtime runs so far; each run tags up to the maximum batch size.</summary>
    public long InferenceRunCount => Interlocked.Read(ref _runCount);

    /// <summary>Loads the tagger in <paramref name="modelFolder"/> into one ONNX Runtime session.</summary>
    /// <exception cref="SuperTuneException">
    /// The folder, its model.onnx or its vocab.txt is missing, model.onnx is not a readable ONNX model, is not an
    /// entity tagger, or its inputs, outputs or SuperTune metadata do not match what <c>supertune export</c> writes.
    /// </exception>
    public static OnnxEntityTagger Load(string modelFolder, OnnxClassifierOptions? options = null)
    {
        options ??= new OnnxClassifierOptions();
        (OnnxModelFolder model, ModelInfo info, string[] inputNames) =
            OnnxModelFolder.Load(modelFolder, options, OnnxModelTasks.Entities);
        return new OnnxEntityTagger(model, inputNames, info, options.MaxBatchSize);
    }

    /// <summary>
    /// Returns the entities of each text, in input order. Texts are run shortest first in batches of at most
    /// <see cref="OnnxClassifierOptions.MaxBatchSize"/>; padding is masked, so a text gets the same spans alone and
    /// in a batch, up to float rounding of the scores.
    /// </summary>
    /// <exception cref="ArgumentException">An element of <paramref name="texts"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The tagger was disposed.</exception>
    public IReadOnlyList<EntityResult> Predict(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var inputs = new TaggerInput[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            string text = texts[i] ?? throw new ArgumentException($"texts[{i}] is null.", nameof(texts));
            inputs[i] = TaggerInput.Encode(_model.Tokenizer, text, Info.MaxLength);
        }

        int[] order = Enumerable.Range(0, texts.Count).OrderBy(i => inputs[i].Encoded.InputIds.Count).ToArray();
        var results = new EntityResult[texts.Count];
        int tagCount = Info.Labels.Count;
        for (int start = 0; start < order.Length; start += _maxBatchSize)
        {
            int[] rows = order[start..Math.Min(start + _maxBatchSize, order.Length)];
            var batch = PaddedBatch.Create(index => inputs[index].Encoded.InputIds, rows, _model.Tokenizer.PadId);
            float[] logits = Run(batch);                                                   // (batch, seq, tags)

            int rowSize = (int)batch.Shape[1] * tagCount;
            for (int row = 0; row < rows.Length; row++)
            {
                TaggerInput input = inputs[rows[row]];
                float[]?[] probabilities = TaggerInput.WordProbabilities(logits.AsSpan(row * rowSize, rowSize),
                    tagCount, input.FirstPieces);
                results[rows[row]] = input.Decode(probabilities, Info.Labels);
            }
        }

        return results;
    }

    /// <summary>Releases the ONNX Runtime session; call it once every <see cref="Predict"/> call returned.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _model.Session.Dispose();
        }
    }

    private float[] Run(PaddedBatch batch)
    {
        float[] logits = _model.Run(_inputNames, OnnxGraphContract.Logits, batch,
            [batch.Shape[0], batch.Shape[1], Info.Labels.Count]);
        Interlocked.Increment(ref _runCount);
        return logits;
    }
}
