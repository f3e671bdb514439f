using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SuperTune.Core;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Weights;

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header mapping each
/// key to its dtype, shape and byte range, then the raw little-endian tensor data.
/// </summary>
public static class SafetensorsFile
{
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads every tensor as float32 (F16 and BF16 are widened); errors name the file and the key.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new SuperTuneException($"Weights file not found: {path}.");

        using var stream = File.OpenRead(path);
        var fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw new SuperTuneException($"{path}: file is {fileLength} bytes, too short for a safetensors header.");
        }

        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || 8 + headerLength > fileLength)
        {
            throw new SuperTuneException(
                $"{path}: header length {headerLength} does not fit a file of {fileLength} bytes; the file is truncated " +
                "or not safetensors.");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var dataStart = 8 + headerLength;
        var dataLength = fileLength - dataStart;

        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException e)
        {
            throw new SuperTuneException($"{path}: the safetensors header is not valid JSON ({e.Message}).");
        }

        var tensors = new Dictionary<string, Tensor>();
        using (header)
        {
            foreach (var entry in header.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__") continue;
                var (dtype, shape, begin, end) = ParseEntry(path, entry);
                if (end > dataLength || begin > end)
                {
                    throw new SuperTuneException(
                        $"{path}: tensor \"{entry.Name}\" spans bytes {begin}..{end} but the data section has " +
                        $"{dataLength} bytes; the file is truncated.");
                }

                var bytes = new byte[end - begin];
                stream.Position = dataStart + begin;
                stream.ReadExactly(bytes);
                tensors[entry.Name] = ToFloatTensor(path, entry.Name, dtype, shape, bytes);
            }
        }

        return tensors;
    }

    /// <summary>Writes float32 tensors under their keys, sorted, with <c>format: pt</c> metadata.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var ordered = tensors.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        long offset = 0;
        foreach (var (key, value) in ordered)
        {
            var byteCount = value.numel() * sizeof(float);
            header[key] = new { dtype = "F32", shape = value.shape, data_offsets = new[] { offset, offset + byteCount } };
            offset += byteCount;
        }

        // The header is padded with spaces to a multiple of 8 bytes so the data section stays aligned.
        var headerBytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var padded = (headerBytes.Length + 7) / 8 * 8;
        var headerPadded = new byte[padded];
        Array.Fill(headerPadded, (byte)' ');
        headerBytes.CopyTo(headerPadded, 0);

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        Span<byte> lengthBytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(lengthBytes, padded);
        stream.Write(lengthBytes);
        stream.Write(headerPadded);
        foreach (var (key, value) in ordered)
        {
            using var cpu = value.detach().to(float32).cpu().contiguous();
            var data = cpu.data<float>().ToArray();
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
        }

        stream.Flush(flushToDisk: true);
    }

    private static (string Dtype, long[] Shape, long Begin, long End) ParseEntry(string path, JsonProperty entry)
    {
        try
        {
            var dtype = entry.Value.GetProperty("dtype").GetString() ?? "";
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2) throw new FormatException("data_offsets must have two numbers");
            return (dtype, shape, offsets[0], offsets[1]);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SuperTuneException(
                $"{path}: header entry \"{entry.Name}\" needs dtype, shape and two data_offsets ({e.Message}).");
        }
    }

    private static Tensor ToFloatTensor(string path, string key, string dtype, long[] shape, byte[] bytes)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var elementSize = dtype switch { "F32" => 4, "F16" or "BF16" => 2, _ => 0 };
        if (elementSize == 0)
        {
            throw new SuperTuneException(
                $"{path}: tensor \"{key}\" has dtype {dtype}; SuperTune reads F32, F16 and BF16 weights.");
        }

        if (bytes.Length != count * elementSize)
        {
            throw new SuperTuneException(
                $"{path}: tensor \"{key}\" has {bytes.Length} bytes for shape [{string.Join(", ", shape)}] " +
                $"of {dtype}, expected {count * elementSize}.");
        }

        var values = new float[count];
        switch (dtype)
        {
            case "F32":
                bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                break;
            case "F16":
                var halves = MemoryMarshal.Cast<byte, Half>(bytes);
                for (var i = 0; i < values.Length; i++) values[i] = (float)halves[i];
                break;
            default:
                // bfloat16 is the upper half of a float32.
                var words = MemoryMarshal.Cast<byte, ushort>(bytes);
                for (var i = 0; i < values.Length; i++) values[i] = BitConverter.Int32BitsToSingle(words[i] << 16);
                break;
        }

        return tensor(values, shape);
    }
}
