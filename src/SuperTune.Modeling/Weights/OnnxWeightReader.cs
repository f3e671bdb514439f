using Google.Protobuf;
using Onnx;
using SuperTune.Core;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Weights;

/// <summary>
/// Recovers a BERT encoder's weights, under Hugging Face keys, from an ONNX graph exported by PyTorch.
/// </summary>
/// <remarks>
/// PyTorch's exporter keeps the names of embeddings, biases, LayerNorms and the pooler but stores each Linear
/// weight as an anonymous initializer, transposed to (in, out), feeding a <c>MatMul</c> whose output is added to
/// the named bias. Following that <c>MatMul -> Add(bias)</c> edge names the weight: the bias key with
/// <c>.bias</c> replaced by <c>.weight</c>.
/// </remarks>
public static class OnnxWeightReader
{
    /// <summary>Reads the graph in <paramref name="onnx"/> and returns float32 tensors by Hugging Face key.</summary>
    /// <param name="onnx">The serialized ModelProto.</param>
    /// <param name="source">File or resource name, for error messages.</param>
    public static Dictionary<string, Tensor> Read(Stream onnx, string source)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnx);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SuperTuneException($"{source}: not a readable ONNX model ({e.Message}).");
        }

        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        var consumers = model.Graph.Node
            .SelectMany(node => node.Input.Select(input => (input, node)))
            .ToLookup(pair => pair.input, pair => pair.node);

        var weights = new Dictionary<string, Tensor>();
        foreach (var (name, proto) in initializers)
        {
            if (LooksLikeParameterKey(name)) weights[StripBertPrefix(name)] = ToTensor(proto, source);
        }

        foreach (var matMul in model.Graph.Node.Where(n => n.OpType == "MatMul"))
        {
            var weightName = matMul.Input.FirstOrDefault(initializers.ContainsKey);
            if (weightName is null || LooksLikeParameterKey(weightName)) continue;

            var biasKey = consumers[matMul.Output[0]]
                .Where(n => n.OpType == "Add")
                .SelectMany(n => n.Input)
                .FirstOrDefault(input => initializers.ContainsKey(input) && input.EndsWith(".bias", StringComparison.Ordinal));
            if (biasKey is null) continue;

            // Stored as (in, out) for MatMul; Linear keeps (out, in).
            using var transposed = ToTensor(initializers[weightName], source);
            var key = StripBertPrefix(biasKey[..^".bias".Length] + ".weight");
            weights[key] = transposed.t().contiguous();
        }

        return weights;
    }

    private static bool LooksLikeParameterKey(string name) =>
        name.Contains('.') && (name.EndsWith(".weight", StringComparison.Ordinal)
                               || name.EndsWith(".bias", StringComparison.Ordinal));

    private static string StripBertPrefix(string key) =>
        key.StartsWith("bert.", StringComparison.Ordinal) ? key["bert.".Length..] : key;

    private static Tensor ToTensor(TensorProto proto, string source)
    {
        if (proto.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new SuperTuneException(
                $"{source}: initializer \"{proto.Name}\" has ONNX data type {proto.DataType}; only float32 (1) is supported.");
        }

        var shape = proto.Dims.ToArray();
        var count = shape.Aggregate(1L, (a, b) => a * b);
        float[] values;
        if (proto.RawData.Length > 0)
        {
            if (proto.RawData.Length != count * sizeof(float))
            {
                throw new SuperTuneException(
                    $"{source}: initializer \"{proto.Name}\" has {proto.RawData.Length} bytes for shape " +
                    $"[{string.Join(", ", shape)}], expected {count * sizeof(float)}.");
            }

            values = new float[count];
            proto.RawData.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            values = proto.FloatData.ToArray();
        }

        return tensor(values, shape);
    }
}
