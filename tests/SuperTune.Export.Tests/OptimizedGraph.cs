using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace SuperTune.Export.Tests;

/// <summary>Counts the operators of a graph after ONNX Runtime's graph optimizer has rewritten it.</summary>
public static class OptimizedGraph
{
    /// <summary>
    /// Opens <paramref name="modelPath"/> at optimization <paramref name="level"/>, saves the optimized graph next to
    /// it and returns its operator counts by "domain:OpType" (the ONNX domain is ""). Each entry of
    /// <paramref name="fixedDimensions"/> replaces a symbolic dimension by a size before optimization.
    /// </summary>
    public static IReadOnlyDictionary<string, int> CountOperators(string modelPath, GraphOptimizationLevel level,
        IReadOnlyDictionary<string, long>? fixedDimensions = null)
    {
        var optimizedPath = Path.ChangeExtension(modelPath, ".optimized.onnx");
        var options = new SessionOptions { GraphOptimizationLevel = level, OptimizedModelFilePath = optimizedPath };
        using (options)
        {
            foreach (var (name, size) in fixedDimensions ?? new Dictionary<string, long>())
            {
                options.AddFreeDimensionOverrideByName(name, size);
            }

            using var session = new InferenceSession(modelPath, options);
        }

        var optimized = ModelProto.Parser.ParseFrom(File.ReadAllBytes(optimizedPath));
        return optimized.Graph.Node
            .GroupBy(node => $"{node.Domain}:{node.OpType}")
            .ToDictionary(group => group.Key, group => group.Count());
    }

    /// <summary>Returns the count of <paramref name="op"/> ("domain:OpType"), 0 when absent.</summary>
    public static int Count(this IReadOnlyDictionary<string, int> counts, string op) => counts.GetValueOrDefault(op);
}
