using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace SuperTune.Export.Graph;

/// <summary>
/// Appends nodes, initializers, inputs and outputs to an ONNX <see cref="GraphProto"/>, giving every node and
/// every intermediate value a unique name derived from its scope (<c>bert.encoder.layer.0.attention.self/MatMul</c>).
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly Dictionary<string, int> nameCounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> initializerNames = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string graphName) => Graph = new GraphProto { Name = graphName };

    /// <summary>The graph built so far.</summary>
    public GraphProto Graph { get; }

    /// <summary>Total bytes of initializer data added so far.</summary>
    public long InitializerBytes { get; private set; }

    /// <summary>Adds a node with one output, named after the node, and returns the output's name.</summary>
    public string Node(string scope, string opType, IReadOnlyList<string> inputs,
        params AttributeProto[] attributes)
    {
        var name = UniqueName($"{scope}/{opType}");
        return AddNode(name, opType, inputs, name, attributes);
    }

    /// <summary>Adds a node whose one output has the given name, such as a graph output, and returns it.</summary>
    public string NamedOutputNode(string scope, string opType, IReadOnlyList<string> inputs, string output,
        params AttributeProto[] attributes) =>
        AddNode(UniqueName($"{scope}/{opType}"), opType, inputs, output, attributes);

    /// <summary>Adds a float32 initializer stored as little-endian raw data, and returns its name.</summary>
    public string FloatInitializer(string name, ReadOnlySpan<float> values, IReadOnlyList<long> dims)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        AddInitializer(name, TensorProto.Types.DataType.Float, bytes, dims);
        return name;
    }

    /// <summary>Adds an int64 initializer stored as little-endian raw data, and returns its name.</summary>
    public string Int64Initializer(string name, ReadOnlySpan<long> values, IReadOnlyList<long> dims)
    {
        var bytes = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        }

        AddInitializer(name, TensorProto.Types.DataType.Int64, bytes, dims);
        return name;
    }

    /// <summary>Returns the name of a float32 scalar constant, adding it on first use.</summary>
    public string FloatScalar(string name, float value) =>
        initializerNames.Contains(name) ? name : FloatInitializer(name, [value], []);

    /// <summary>Returns the name of a 1-D int64 constant, adding it on first use.</summary>
    public string Int64Vector(string name, params long[] values) =>
        initializerNames.Contains(name) ? name : Int64Initializer(name, values, [values.Length]);

    /// <summary>Returns the name of an int64 scalar constant, adding it on first use.</summary>
    public string Int64Scalar(string name, long value) =>
        initializerNames.Contains(name) ? name : Int64Initializer(name, [value], []);

    /// <summary>Declares a tensor graph input. Each dimension is a symbolic name or a fixed size.</summary>
    public void Input(string name, TensorProto.Types.DataType type, params object[] dims) =>
        Graph.Input.Add(ValueInfo(name, type, dims));

    /// <summary>Declares a tensor graph output. Each dimension is a symbolic name or a fixed size.</summary>
    public void Output(string name, TensorProto.Types.DataType type, params object[] dims) =>
        Graph.Output.Add(ValueInfo(name, type, dims));

    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private string AddNode(string name, string opType, IReadOnlyList<string> inputs, string output,
        AttributeProto[] attributes)
    {
        var node = new NodeProto { Name = name, OpType = opType };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    private void AddInitializer(string name, TensorProto.Types.DataType type, byte[] bytes, IReadOnlyList<long> dims)
    {
        if (!initializerNames.Add(name))
        {
            throw new InvalidOperationException($"The graph already has an initializer named \"{name}\".");
        }

        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        InitializerBytes += bytes.Length;
    }

    private string UniqueName(string baseName)
    {
        var count = nameCounts.GetValueOrDefault(baseName);
        nameCounts[baseName] = count + 1;
        return count == 0 ? baseName : $"{baseName}_{count}";
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                long size => new TensorShapeProto.Types.Dimension { DimValue = size },
                _ => throw new ArgumentException($"Dimension {dim} is neither a name nor a size.", nameof(dims)),
            });
        }

        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
