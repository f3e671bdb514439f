using SuperTune.Core;
using static TorchSharp.torch;

namespace SuperTune.Training;

/// <summary>Maps the <c>--device</c> option to a libtorch device.</summary>
public static class TorchDevices
{
    /// <summary>Returns the device for "cpu" or "cuda"; "cuda" without a usable GPU raises an error.</summary>
    public static Device Resolve(string name)
    {
        if (name == "cpu") return CPU;
        if (name == "cuda")
        {
            if (!cuda.is_available())
            {
                throw new SuperTuneException("--device cuda was requested but libtorch reports no usable CUDA device.",
                    "Reference TorchSharp's CUDA package instead of TorchSharp-cpu on a machine with an NVIDIA GPU, " +
                    "or use --device cpu.");
            }

            return CUDA;
        }

        throw new SuperTuneException($"--device must be cpu or cuda, got \"{name}\".");
    }
}
