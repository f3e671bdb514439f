using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Onnx;
using SuperTune.Core.Tokenization;
using DataType = Onnx.TensorProto.Types.DataType;

namespace SuperTune.Inference.Tests.Fixtures;

/// <summary>
/// A tiny classifier graph that follows the contract of <c>supertune export</c>, with seeded random weights.
/// It embeds each token (word plus token type embedding), zeroes padding with the attention mask, sums over
/// the sequence and applies a linear head, so padding never changes a text's logits.
/// </summary>
public sealed record StandInModel
{
    /// <summary>vocab.txt of every stand-in model: the BERT special tokens, then a few support words.</summary>
    public static readonly IReadOnlyList<string> Vocabulary =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ",", "?", "!", "'",
        "my", "card", "has", "not", "arrived", "i", "want", "a", "refund", "please",
        "the", "package", "is", "late", "where", "order", "charge", "twice", "bill", "help",
        "hello", "thanks", "account", "password", "reset", "##s", "##ed", "##ing", "t", "hasn",
    ];

    public IReadOnlyList<string> Labels { get; init; } = ["billing", "delivery", "refund", "other"];

    public int Seed { get; init; } = 7;

    public int HiddenSize { get; init; } = 8;

    public int MaxLength { get; init; } = 16;

    /// <summary>Metadata to change: a key with a value replaces or adds it, a key with null removes it.</summary>
    public IReadOnlyDictionary<string, string?> MetadataChanges { get; init; } = new Dictionary<string, string?>();

    /// <summary>Writes model.onnx, vocab.txt and tokenizer_config.json into <paramref name="folder"/>.</summary>
    public void WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        using var vocabulary = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', Vocabulary) + "\n"));
        BertWordPieceTokenizer.FromVocabulary(vocabulary, new TokenizerSettings()).SaveTo(folder);
        File.WriteAllBytes(Path.Combine(folder, OnnxClassifier.ModelFileName), ToModel().ToByteArray());
    }

    /// <summary>Computes the logits of one encoded text in plain C#, as the graph should.</summary>
    public double[] Logits(IReadOnlyList<int> inputIds)
    {
        Weights weights = CreateWeights();
        var pooled = new double[HiddenSize];
        foreach (int id in inputIds)
        {
            for (int h = 0; h < HiddenSize; h++)
            {
                pooled[h] += weights.Words[id * HiddenSize + h] + weights.TokenTypes[h];
            }
        }

        var logits = new double[Labels.Count];
        for (int label = 0; label < Labels.Count; label++)
        {
            logits[label] = weights.Bias[label];
            for (int h = 0; h < HiddenSize; h++)
            {
                logits[label] += pooled[h] * weights.Classifier[h * Labels.Count + label];
            }
        }

        return logits;
    }

    /// <summary>Builds the ModelProto with the metadata of <see cref="Metadata"/>.</summary>
    public ModelProto ToModel()
    {
        Weights weights = CreateWeights();
        var graph = new GraphProto { Name = "stand_in_classifier" };
        graph.Input.Add(Int64Matrix("input_ids"));
        graph.Input.Add(Int64Matrix("attention_mask"));
        graph.Input.Add(Int64Matrix("token_type_ids"));
        graph.Output.Add(FloatMatrix("logits", "batch", Labels.Count));

        graph.Initializer.Add(FloatTensor("word_embeddings", weights.Words, Vocabulary.Count, HiddenSize));
        graph.Initializer.Add(FloatTensor("token_type_embeddings", weights.TokenTypes, 2, HiddenSize));
        graph.Initializer.Add(FloatTensor("classifier.weight", weights.Classifier, HiddenSize, Labels.Count));
        graph.Initializer.Add(FloatTensor("classifier.bias", weights.Bias, Labels.Count));
        graph.Initializer.Add(Int64Vector("unsqueeze_axes", 2));
        graph.Initializer.Add(Int64Vector("sequence_axis", 1));

        graph.Node.Add(Node("Gather", ["word_embeddings", "input_ids"], "words")); // (batch, seq, hidden)
        graph.Node.Add(Node("Gather", ["token_type_embeddings", "token_type_ids"], "types")); // (batch, seq, hidden)
        graph.Node.Add(Node("Add", ["words", "types"], "embedded"));
        graph.Node.Add(Node("Cast", ["attention_mask"], "mask", Attribute("to", (long)DataType.Float)));
        graph.Node.Add(Node("Unsqueeze", ["mask", "unsqueeze_axes"], "mask3")); // (batch, seq) -> (batch, seq, 1)
        graph.Node.Add(Node("Mul", ["embedded", "mask3"], "masked"));
        graph.Node.Add(Node("ReduceSum", ["masked", "sequence_axis"], "pooled", Attribute("keepdims", 0)));
        graph.Node.Add(Node("MatMul", ["pooled", "classifier.weight"], "scores")); // (batch, labels)
        graph.Node.Add(Node("Add", ["scores", "classifier.bias"], "logits"));

        var model = new ModelProto { IrVersion = 8, ProducerName = "SuperTune.Inference.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        foreach ((string key, string value) in Metadata())
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    /// <summary>The metadata that the exporter writes, with <see cref="MetadataChanges"/> applied.</summary>
    public IReadOnlyDictionary<string, string> Metadata()
    {
        var metadata = new Dictionary<string, string>
        {
            [OnnxMetadataKeys.Task] = "classify",
            [OnnxMetadataKeys.Labels] = JsonSerializer.Serialize(Labels),
            [OnnxMetadataKeys.Id2Label] = JsonSerializer.Serialize(Labels.Select((label, i) => (label, i))
                .ToDictionary(p => p.i.ToString(CultureInfo.InvariantCulture), p => p.label)),
            [OnnxMetadataKeys.Pooling] = "mean",
            [OnnxMetadataKeys.MaxLength] = MaxLength.ToString(CultureInfo.InvariantCulture),
            [OnnxMetadataKeys.BaseModel] = "stand-in",
            [OnnxMetadataKeys.Temperature] = "1",
            [OnnxMetadataKeys.ExportedAt] = "2026-03-01T12:00:00Z",
            [OnnxMetadataKeys.Metrics] = """{"test":{"accuracy":0.75,"macro_f1":0.5}}""",
        };
        foreach ((string key, string? value) in MetadataChanges)
        {
            if (value is null)
            {
                metadata.Remove(key);
            }
            else
            {
                metadata[key] = value;
            }
        }

        return metadata;
    }

    private Weights CreateWeights()
    {
        var random = new Random(Seed);
        float[] Uniform(int count) =>
            Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return new Weights(Uniform(Vocabulary.Count * HiddenSize), Uniform(2 * HiddenSize),
            Uniform(HiddenSize * Labels.Count), Uniform(Labels.Count));
    }

    private static ValueInfoProto Int64Matrix(string name)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "sequence" });
        return ValueInfo(name, DataType.Int64, shape);
    }

    private static ValueInfoProto FloatMatrix(string name, string rows, int columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = rows });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return ValueInfo(name, DataType.Float, shape);
    }

    private static ValueInfoProto ValueInfo(string name, DataType type, TensorShapeProto shape) => new()
    {
        Name = name,
        Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
    };

    private static TensorProto FloatTensor(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float };
        tensor.Dims.Add(dims);
        tensor.FloatData.Add(values);
        return tensor;
    }

    private static TensorProto Int64Vector(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.Add(values);
        return tensor;
    }

    private static NodeProto Node(string opType, string[] inputs, string output, AttributeProto? attribute = null)
    {
        var node = new NodeProto { OpType = opType, Name = output + "_node" };
        node.Input.Add(inputs);
        node.Output.Add(output);
        if (attribute is not null)
        {
            node.Attribute.Add(attribute);
        }

        return node;
    }

    private static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private sealed record Weights(float[] Words, float[] TokenTypes, float[] Classifier, float[] Bias);
}
