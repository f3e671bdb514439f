using SuperTune.Core;
using static TorchSharp.torch;

namespace SuperTune.Modeling.Weights;

/// <summary>Copies named tensors into a module's parameters, checking every key and shape.</summary>
public static class StateDictLoader
{
    /// <summary>
    /// Copies <paramref name="weights"/> into the parameters of <paramref name="module"/> whose keys start with
    /// <paramref name="prefix"/> (the prefix is removed before lookup). Every such parameter must be present with
    /// the same shape; extra weights are ignored (for example a masked-LM head) and returned.
    /// </summary>
    public static IReadOnlyList<string> Load(nn.Module module, IReadOnlyDictionary<string, Tensor> weights,
        string source, string prefix = "")
    {
        var missing = new List<string>();
        var used = new HashSet<string>();
        using (no_grad())
        {
            foreach (var (name, parameter) in module.named_parameters())
            {
                if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;

                var key = name[prefix.Length..];
                if (!weights.TryGetValue(key, out var value))
                {
                    missing.Add(key);
                    continue;
                }

                if (!value.shape.SequenceEqual(parameter.shape))
                {
                    throw new SuperTuneException(
                        $"{source}: tensor \"{key}\" has shape [{string.Join(", ", value.shape)}], the model expects " +
                        $"[{string.Join(", ", parameter.shape)}]; config.json does not match the weights.");
                }

                parameter.copy_(value);
                used.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            throw new SuperTuneException(
                $"{source}: {missing.Count} weights are missing, for example \"{missing[0]}\"; " +
                "the file is not a BERT checkpoint or is incomplete.");
        }

        return weights.Keys.Where(k => !used.Contains(k)).ToList();
    }

    /// <summary>Normalises checkpoint keys: drops a <c>bert.</c> prefix and renames LayerNorm gamma/beta.</summary>
    public static Dictionary<string, Tensor> NormalizeEncoderKeys(IReadOnlyDictionary<string, Tensor> weights)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var (key, value) in weights)
        {
            var normalized = key.StartsWith("bert.", StringComparison.Ordinal) ? key["bert.".Length..] : key;

            // Checkpoints converted from the original TensorFlow BERT name LayerNorm parameters gamma and beta.
            if (normalized.EndsWith(".gamma", StringComparison.Ordinal)) normalized = normalized[..^6] + ".weight";
            if (normalized.EndsWith(".beta", StringComparison.Ordinal)) normalized = normalized[..^5] + ".bias";
            result[normalized] = value;
        }

        return result;
    }
}
