using TorchSharp;

namespace SuperTune.Modeling.Tests.Native;

/// <summary>Loads TorchSharp's native libraries for real, which fails on a system whose loader rejects them.</summary>
public sealed class TorchSharpLoadTests
{
    [Fact]
    public void CpuTensorSum_ReturnsFour()
    {
        torch.InitializeDeviceType(DeviceType.CPU);

        using var ones = torch.ones(2, 2); // (2, 2)
        using var sum = ones.sum();

        Assert.Equal(4f, sum.item<float>());
    }
}
