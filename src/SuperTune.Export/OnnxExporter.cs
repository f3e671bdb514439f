using System.Reflection;
using Google.Protobuf;
using Onnx;
using SuperTune.Core;
using SuperTune.Core.Models;
using SuperTune.Export.Graph;
using SuperTune.Modeling.Checkpoints;

namespace SuperTune.Export;

/// <summary>
/// Writes a fine-tuned classifier, entity tagger or retrieval folder as an ONNX graph for ONNX Runtime. TorchSharp has no
/// ONNX exporter, so the graph is built operator by operator from the model's configuration and weights.
/// </summary>
public static class OnnxExporter
{
    // A Protocol Buffers message must stay under 2 GiB, so larger models need ONNX external data. The 64 MiB margin
    // is for the nodes and metadata.
    private const long MaxInitializerBytes = int.MaxValue - (64L << 20);

    /// <summary>
    /// Loads the model in <paramref name="modelFolder"/> (config.json, model.safetensors, vocab.txt) and writes
    /// its graph, as described by <see cref="OnnxModelContract"/>, to <paramref name="outputPath"/>.
    /// </summary>
    /// <param name="modelFolder">A folder written by <c>supertune train</c>.</param>
    /// <param name="outputPath">The file to write; default <c>model.onnx</c> inside the model folder. An existing
    /// file is replaced only once the new one is complete.</param>
    /// <returns>The full path of the written file.</returns>
    /// <exception cref="SuperTuneException">A file of the folder is missing or invalid, naming it, or the output
    /// cannot be written.</exception>
    public static string Export(string modelFolder, string? outputPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFolder);
        var target = Path.GetFullPath(outputPath ?? Path.Combine(modelFolder, OnnxModelContract.FileName));
        if (Directory.Exists(target))
        {
            throw new SuperTuneException($"The ONNX output path {target} is a folder.",
                $"Pass a file path such as {Path.Combine(target, OnnxModelContract.FileName)}.");
        }

        if (SentenceEmbeddingFolder.IsRetrievalFolder(modelFolder))
        {
            var (encoder, _) = SentenceEmbeddingFolder.Load(modelFolder);
            using (encoder)
            {
                var metadata = ExportMetadata.Read(modelFolder, encoder.Config, PoolingNames.Mean, DateTimeOffset.UtcNow);
                var graph = BertClassifierGraph.Build(encoder, out var initializerBytes);
                RequireSingleFile(modelFolder, initializerBytes);
                WriteAtomically(CreateModel(graph, metadata, SentenceEncoderDoc), target);
            }

            return target;
        }

        if (TokenClassifierFolder.IsTokenClassifier(modelFolder))
        {
            var (tagger, _) = TokenClassifierFolder.Load(modelFolder);
            using (tagger)
            {
                var metadata = ExportMetadata.Read(modelFolder, tagger.Config, pooling: null, DateTimeOffset.UtcNow);
                var graph = BertClassifierGraph.Build(tagger, out var initializerBytes);
                RequireSingleFile(modelFolder, initializerBytes);
                WriteAtomically(CreateModel(graph, metadata, TaggerDoc), target);
            }

            return target;
        }

        var (model, _) = SequenceClassifierFolder.Load(modelFolder);
        using (model)
        {
            var metadata = ExportMetadata.Read(modelFolder, model.Config, model.Pooling, DateTimeOffset.UtcNow);
            var graph = BertClassifierGraph.Build(model, out var initializerBytes);
            RequireSingleFile(modelFolder, initializerBytes);
            var onnx = CreateModel(graph, metadata, ClassifierDoc);
            WriteAtomically(onnx, target);
        }

        return target;
    }

    private const string ClassifierDoc =
        "BertForSequenceClassification exported by SuperTune; outputs logits (batch, labels).";

    private const string TaggerDoc =
        "BertForTokenClassification exported by SuperTune; outputs BIO tag logits (batch, sequence, tags).";

    private const string SentenceEncoderDoc =
        "BERT sentence encoder exported by SuperTune; outputs L2-normalised mean-pooled embeddings (batch, hidden).";

    private static void RequireSingleFile(string modelFolder, long initializerBytes)
    {
        if (initializerBytes <= MaxInitializerBytes) return;
        throw new SuperTuneException(
            $"{modelFolder}: the weights take {initializerBytes} bytes, more than one ONNX file can hold.",
            "Models over 2 GB need ONNX external data, which the exporter does not write.");
    }

    private static ModelProto CreateModel(GraphProto graph, IReadOnlyList<KeyValuePair<string, string>> metadata,
        string docString)
    {
        var onnx = new ModelProto
        {
            IrVersion = OnnxModelContract.IrVersion,
            ProducerName = OnnxModelContract.ProducerName,
            ProducerVersion = typeof(OnnxExporter).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            DocString = docString,
            Graph = graph,
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxModelContract.OpsetVersion });
        foreach (var (key, value) in metadata)
        {
            onnx.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return onnx;
    }

    /// <summary>
    /// Writes to a temporary file beside <paramref name="target"/> and renames it over the target, so a reader sees
    /// the old file or the complete new one. The rename is atomic on POSIX file systems.
    /// </summary>
    private static void WriteAtomically(ModelProto onnx, string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        var temporaryPath = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write))
            {
                onnx.WriteTo(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SuperTuneException($"{target}: failed to write the ONNX model: {e.Message}",
                "Check that the folder is writable and the disk is not full.", e);
        }
        finally
        {
            if (File.Exists(temporaryPath)) File.Delete(temporaryPath);
        }
    }
}
