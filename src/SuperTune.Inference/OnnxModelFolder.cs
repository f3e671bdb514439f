using Microsoft.ML.OnnxRuntime;
using SuperTune.Core;
using SuperTune.Core.Tokenization;

namespace SuperTune.Inference;

/// <summary>
/// An exported model folder opened for ONNX Runtime: its tokenizer and one session over its model.onnx, shared by
/// the classifier and the entity tagger.
/// </summary>
internal sealed record OnnxModelFolder(string Folder, string ModelPath, BertWordPieceTokenizer Tokenizer,
    InferenceSession Session)
{
    /// <summary>
    /// Loads the tokenizer of <paramref name="modelFolder"/> and opens its model.onnx with every graph optimization
    /// enabled. The caller owns the session.
    /// </summary>
    /// <exception cref="SuperTuneException">
    /// The folder, its model.onnx or its vocab.txt is missing, or model.onnx is not a readable ONNX model.
    /// </exception>
    public static OnnxModelFolder Open(string modelFolder, OnnxClassifierOptions options)
    {
        string folder = Path.GetFullPath(modelFolder);
        string modelPath = Path.Combine(folder, OnnxClassifier.ModelFileName);
        if (!Directory.Exists(folder))
        {
            throw new SuperTuneException($"Model folder '{folder}' was not found.",
                "Pass the folder that `supertune export` wrote model.onnx into.");
        }

        if (!File.Exists(modelPath))
        {
            throw new SuperTuneException($"Model folder '{folder}' has no {OnnxClassifier.ModelFileName}.",
                $"Run `supertune export --model {modelFolder}` first.");
        }

        BertWordPieceTokenizer tokenizer = BertWordPieceTokenizer.FromFolder(folder);
        return new OnnxModelFolder(folder, modelPath, tokenizer, OpenSession(modelPath, folder, options));
    }

    /// <summary>
    /// Opens the folder as <see cref="Open"/> does and checks that its model.onnx is a <paramref name="task"/> model
    /// whose metadata and graph match what <c>supertune export</c> writes. The caller owns the session.
    /// </summary>
    /// <param name="task">The task to load, <see cref="OnnxModelTasks"/>.</param>
    /// <exception cref="SuperTuneException">
    /// A file is missing or unreadable, or the model has another task, invalid metadata or other inputs or outputs.
    /// </exception>
    public static (OnnxModelFolder Model, ModelInfo Info, string[] InputNames) Load(string modelFolder,
        OnnxClassifierOptions options, string task)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFolder);
        options.Validate();

        OnnxModelFolder model = Open(modelFolder, options);
        try
        {
            ModelInfo info = OnnxModelMetadata.Read(model.Session.ModelMetadata.CustomMetadataMap, model.ModelPath,
                model.Folder, task);
            string[] inputNames = OnnxGraphContract.Check(model.Session, info.Labels.Count, model.ModelPath,
                model.Folder, task);
            return (model, info, inputNames);
        }
        catch
        {
            model.Session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one padded batch and returns the float output <paramref name="outputName"/>, row-major.
    /// </summary>
    /// <param name="inputNames">The graph inputs to feed, as <see cref="OnnxGraphContract.Check"/> returns them.</param>
    /// <param name="expectedShape">The shape the output must have for this batch.</param>
    /// <exception cref="SuperTuneException">The output has another shape, so the export does not fit its metadata.</exception>
    public float[] Run(string[] inputNames, string outputName, PaddedBatch batch, long[] expectedShape)
    {
        using OrtValue inputIds = OrtValue.CreateTensorValueFromMemory(batch.InputIds, batch.Shape);
        using OrtValue attentionMask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, batch.Shape);
        using OrtValue tokenTypeIds = OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, batch.Shape);
        OrtValue[] inputs = inputNames.Select(name => name switch
        {
            OnnxGraphContract.InputIds => inputIds,
            OnnxGraphContract.AttentionMask => attentionMask,
            _ => tokenTypeIds,
        }).ToArray();

        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs =
            Session.Run(runOptions, inputNames, inputs, [outputName]);
        long[] shape = outputs[0].GetTensorTypeAndShape().Shape;
        if (!shape.SequenceEqual(expectedShape))
        {
            throw new SuperTuneException(
                $"{ModelPath}: output \"{outputName}\" has shape [{string.Join(", ", shape)}] for "
                + $"{batch.Shape[0]} texts, but [{string.Join(", ", expectedShape)}] was expected.",
                $"Export the model again with `supertune export --model {Folder}`.");
        }

        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static InferenceSession OpenSession(string modelPath, string folder, OnnxClassifierOptions options)
    {
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
        };
        try
        {
            return new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new SuperTuneException($"{modelPath}: ONNX Runtime failed to load the model: {e.Message}",
                $"The file is damaged or is not an ONNX model. Run `supertune export --model {folder}` again.", e);
        }
    }
}
