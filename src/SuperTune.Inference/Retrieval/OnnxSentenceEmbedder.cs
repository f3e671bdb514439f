using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using SuperTune.Core;
using SuperTune.Core.Retrieval;
using SuperTune.Core.Tokenization;

namespace SuperTune.Inference.Retrieval;

/// <summary>
/// Embeds texts with a retrieval model exported by <c>supertune export</c>: model.onnx with the output
/// <c>sentence_embedding</c> (batch, hidden), already mean-pooled and L2-normalised. Runs on ONNX Runtime, in
/// length-sorted batches. Thread-safe: ONNX Runtime sessions accept concurrent runs.
/// </summary>
public sealed class OnnxSentenceEmbedder : ISentenceEmbedder, IDisposable
{
    private const string OutputName = "sentence_embedding";
    private const string RetrievalTask = "retrieval";

    private readonly InferenceSession session;
    private readonly BertWordPieceTokenizer tokenizer;
    private readonly string[] inputNames;
    private readonly int maxLength;
    private readonly int maxBatchSize;

    private OnnxSentenceEmbedder(InferenceSession session, BertWordPieceTokenizer tokenizer, string[] inputNames,
        int maxLength, int dimension, string fingerprint, int maxBatchSize)
    {
        this.session = session;
        this.tokenizer = tokenizer;
        this.inputNames = inputNames;
        this.maxLength = maxLength;
        this.maxBatchSize = maxBatchSize;
        Dimension = dimension;
        Fingerprint = fingerprint;
    }

    public int Dimension { get; }

    public string Fingerprint { get; }

    /// <summary>Opens model.onnx in <paramref name="modelFolder"/>; errors name the file and the export command.</summary>
    public static OnnxSentenceEmbedder Load(string modelFolder, int intraOpThreads = 0, int maxBatchSize = 32)
    {
        var folder = Path.GetFullPath(modelFolder);
        var modelPath = Path.Combine(folder, OnnxClassifier.ModelFileName);
        if (!File.Exists(modelPath))
        {
            throw new SuperTuneException($"Model folder '{folder}' has no {OnnxClassifier.ModelFileName}.",
                $"Run `supertune export --model {modelFolder}` first.");
        }

        var tokenizer = BertWordPieceTokenizer.FromFolder(folder);
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = intraOpThreads > 0 ? intraOpThreads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
        };
        InferenceSession session;
        try
        {
            session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new SuperTuneException($"{modelPath}: ONNX Runtime failed to load the model: {e.Message}",
                $"Run `supertune export --model {modelFolder}` again.", e);
        }

        try
        {
            var (maxLength, dimension) = CheckContract(session, modelPath, modelFolder);
            var inputNames = session.InputMetadata.Keys.ToArray();
            return new OnnxSentenceEmbedder(session, tokenizer, inputNames, maxLength, dimension,
                "onnx:" + HashFile(modelPath), maxBatchSize);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        var encoded = tokenizer.EncodeBatch(texts, maxLength);
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].InputIds.Count).ToArray();
        var result = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += maxBatchSize)
        {
            var rows = order[start..Math.Min(start + maxBatchSize, order.Length)];
            var embeddings = Run(PaddedBatch.Create(encoded, rows, tokenizer.PadId)); // (batch, hidden)
            for (var row = 0; row < rows.Length; row++)
            {
                result[rows[row]] = embeddings.AsSpan(row * Dimension, Dimension).ToArray();
            }
        }

        return result;
    }

    public void Dispose() => session.Dispose();

    private float[] Run(PaddedBatch batch)
    {
        using var inputIds = OrtValue.CreateTensorValueFromMemory(batch.InputIds, batch.Shape);
        using var attentionMask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, batch.Shape);
        using var tokenTypeIds = OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, batch.Shape);
        var inputs = inputNames.Select(name => name switch
        {
            OnnxGraphContract.InputIds => inputIds,
            OnnxGraphContract.AttentionMask => attentionMask,
            _ => tokenTypeIds,
        }).ToArray();

        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, inputNames, inputs, [OutputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static (int MaxLength, int Dimension) CheckContract(InferenceSession session, string modelPath,
        string modelFolder)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        var hint = $"Export a retrieval model with `supertune export --model {modelFolder}`.";
        if (metadata.GetValueOrDefault(OnnxMetadataKeys.Task) != RetrievalTask)
        {
            throw new SuperTuneException(
                $"{modelPath}: {OnnxMetadataKeys.Task} is \"{metadata.GetValueOrDefault(OnnxMetadataKeys.Task)}\", " +
                $"not \"{RetrievalTask}\", so the graph has no sentence embeddings.", hint);
        }

        if (!session.OutputMetadata.TryGetValue(OutputName, out var output) || output.Dimensions.Length != 2)
        {
            throw new SuperTuneException($"{modelPath}: output \"{OutputName}\" (batch, hidden) not found.", hint);
        }

        var text = metadata.GetValueOrDefault(OnnxMetadataKeys.MaxLength);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var maxLength) || maxLength < 2)
        {
            throw new SuperTuneException($"{modelPath}: {OnnxMetadataKeys.MaxLength} is \"{text}\", not a whole " +
                                         "number of at least 2.", hint);
        }

        return (maxLength, output.Dimensions[1]);
    }

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
