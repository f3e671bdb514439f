using System.Diagnostics;
using static TorchSharp.torch;

namespace SuperTune.Bench;

/// <summary>Measures libtorch's float32 matrix-multiply throughput, the machine's practical peak for training.</summary>
public static class MatmulPeak
{
    /// <summary>Returns the median GFLOP/s of <paramref name="repeats"/> multiplications of two n x n matrices.</summary>
    public static double MeasureGflops(int n = 1024, int repeats = 15)
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n);
        var b = randn(n, n);
        for (var i = 0; i < 3; i++) matmul(a, b).Dispose(); // warm-up

        var samples = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            matmul(a, b).Dispose();
            samples.Add(2.0 * n * n * n / clock.Elapsed.TotalSeconds / 1e9);
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }
}
