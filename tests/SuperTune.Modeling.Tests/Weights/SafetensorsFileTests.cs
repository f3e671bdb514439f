using SuperTune.Core;
using SuperTune.Modeling.Weights;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Tests.Weights;

public class SafetensorsFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("supertune-safetensors-").FullName;

    [Fact]
    public void WriteThenReadRoundTrips()
    {
        var path = Path.Combine(folder, "model.safetensors");
        using var a = arange(6, float32).view(2, 3);
        using var b = tensor(new float[] { -1.5f });

        SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["a.weight"] = a, ["b.bias"] = b });
        var read = SafetensorsFile.Read(path);

        Assert.Equal(new long[] { 2, 3 }, read["a.weight"].shape);
        Assert.Equal(new[] { 0f, 1, 2, 3, 4, 5 }, read["a.weight"].data<float>().ToArray());
        Assert.Equal(-1.5f, read["b.bias"].item<float>());
    }

    [Fact]
    public void TruncatedFileNamesTensorAndFile()
    {
        var path = Path.Combine(folder, "model.safetensors");
        using var a = ones(100, float32);
        SafetensorsFile.Write(path, new Dictionary<string, Tensor> { ["a.weight"] = a });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^40]);

        var error = Assert.Throws<SuperTuneException>(() => SafetensorsFile.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("\"a.weight\"", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void HeaderLengthBeyondFileIsRejected()
    {
        var path = Path.Combine(folder, "model.safetensors");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}']);

        var error = Assert.Throws<SuperTuneException>(() => SafetensorsFile.Read(path));

        Assert.Contains("header length 65535", error.Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
