using SuperTune.Core.Data;
using SuperTune.Core.Tokenization;
using SuperTune.Training.Batching;

namespace SuperTune.Training.Jobs;

/// <summary>Tokenizes labelled examples and counts the texts cut at the maximum length.</summary>
public static class TextEncoding
{
    /// <summary>Encodes <paramref name="examples"/>; a label missing from <paramref name="labelIds"/> gets id -1.</summary>
    public static (List<EncodedExample> Encoded, int Truncated) Encode(BertWordPieceTokenizer tokenizer,
        IReadOnlyList<TextExample> examples, IReadOnlyDictionary<string, int> labelIds, int maxLength)
    {
        var encoded = new List<EncodedExample>(examples.Count);
        var truncated = 0;
        foreach (var example in examples)
        {
            var tokens = tokenizer.Encode(example.Text, maxLength);
            if (tokens.Truncated) truncated++;
            var labelId = example.Label is not null && labelIds.TryGetValue(example.Label, out var id) ? id : -1;
            encoded.Add(new EncodedExample(tokens.InputIds.ToArray(), labelId));
        }

        return (encoded, truncated);
    }
}
