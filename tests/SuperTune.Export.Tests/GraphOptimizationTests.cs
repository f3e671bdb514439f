using Microsoft.ML.OnnxRuntime;
using SuperTune.Core.Models;
using Xunit.Abstractions;

namespace SuperTune.Export.Tests;

/// <summary>
/// Which of ONNX Runtime's transformer fusions apply to the exported graph, with the counts in the test output.
/// ONNX Runtime 1.32's own optimizer fuses no Attention here, and not in the bundled opset-13 MiniLM graph either.
/// Its BERT attention pattern (onnxruntime/core/optimizer/attention_fusion.cc) matches the q k^T MatMul only at
/// operator versions 1 and 9, but opsets 13 and later use MatMul-13. Opset 17 also uses Add-14, Div-14 and
/// Reshape-14, which the pattern does not list either.
/// </summary>
public class GraphOptimizationTests
{
    private const int Layers = 2;

    private readonly ITestOutputHelper output;

    public GraphOptimizationTests(ITestOutputHelper output) => this.output = output;

    [Theory]
    [InlineData(GraphOptimizationLevel.ORT_ENABLE_EXTENDED)]
    [InlineData(GraphOptimizationLevel.ORT_ENABLE_ALL)]
    public void OptimizerKeepsLayerNormAndFusesGelu(GraphOptimizationLevel level)
    {
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Mean);
        var path = OnnxExporter.Export(folder.Path);

        var counts = OptimizedGraph.CountOperators(path, level);
        Report(counts);

        Assert.Equal(2 * Layers + 1, counts.Count(":LayerNormalization"));
        Assert.Equal(Layers, counts.Count("com.microsoft:BiasGelu"));
        Assert.Equal(0, counts.Count(":Erf"));
        Assert.Equal(Layers, counts.Count("com.microsoft:FusedMatMul"));
    }

    [Fact]
    public void FixedSequenceLengthFusesSkipLayerNorm()
    {
        // SkipLayerNormFusion needs both Add inputs to have known sizes except on the first (batch) axis, so it
        // applies only when the server fixes the sequence length.
        using var folder = new TemporaryFolder();
        TinyClassifierFolder.Create(folder.Path, PoolingNames.Cls);
        var path = OnnxExporter.Export(folder.Path);
        var fixedDimensions = new Dictionary<string, long>
        {
            [OnnxModelContract.BatchDimension] = 2,
            [OnnxModelContract.SequenceDimension] = 16,
        };

        var counts = OptimizedGraph.CountOperators(path, GraphOptimizationLevel.ORT_ENABLE_EXTENDED, fixedDimensions);
        Report(counts);

        Assert.Equal(2 * Layers, counts.Count("com.microsoft:SkipLayerNormalization"));
        Assert.Equal(1, counts.Count(":LayerNormalization"));
    }

    private void Report(IReadOnlyDictionary<string, int> counts)
    {
        foreach (var op in new[] { "com.microsoft:Attention", "com.microsoft:MultiHeadAttention" })
        {
            output.WriteLine($"{op}: {counts.Count(op)} of {Layers} layers fused");
        }

        foreach (var (op, count) in counts.OrderBy(pair => pair.Key)) output.WriteLine($"{op} {count}");
    }
}
