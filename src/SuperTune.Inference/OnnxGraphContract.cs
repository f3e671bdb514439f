using Microsoft.ML.OnnxRuntime;
using SuperTune.Core;

namespace SuperTune.Inference;

/// <summary>
/// Checks that a session's inputs and outputs are those of an exported classifier or entity tagger: int64
/// <c>input_ids</c>, <c>attention_mask</c> and, optionally, <c>token_type_ids</c> of shape (batch, sequence), and a
/// float <c>logits</c> output of shape (batch, labels) for a classifier or (batch, sequence, labels) for a tagger.
/// </summary>
internal static class OnnxGraphContract
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";
    public const string Logits = "logits";

    private static readonly string[] KnownInputs = [InputIds, AttentionMask, TokenTypeIds];

    /// <summary>Returns the names of the inputs to feed, in the order of <see cref="KnownInputs"/>.</summary>
    /// <param name="task">The task of the model, <see cref="OnnxModelTasks"/>, which sets the rank of the logits.</param>
    /// <exception cref="SuperTuneException">An input or the output does not match the contract.</exception>
    public static string[] Check(InferenceSession session, int labelCount, string modelPath, string folder,
        string task)
    {
        var problems = new List<string>();
        foreach ((string name, NodeMetadata input) in session.InputMetadata)
        {
            if (!KnownInputs.Contains(name))
            {
                problems.Add($"input \"{name}\" is not one of {string.Join(", ", KnownInputs)}");
            }
            else if (input.ElementType != typeof(long) || input.Dimensions.Length != 2)
            {
                problems.Add($"input \"{name}\" must be int64 of shape (batch, sequence)");
            }
        }

        foreach (string required in new[] { InputIds, AttentionMask })
        {
            if (!session.InputMetadata.ContainsKey(required))
            {
                problems.Add($"input \"{required}\" is missing");
            }
        }

        bool tagger = task == OnnxModelTasks.Entities;
        CheckLogits(session, labelCount, tagger, problems);
        if (problems.Count > 0)
        {
            string kind = tagger ? "entity tagger" : "classifier";
            throw new SuperTuneException($"{modelPath}: the graph is not a SuperTune {kind}: "
                + $"{string.Join("; ", problems)}.",
                $"Export the model again with `supertune export --model {folder}`.");
        }

        return KnownInputs.Where(session.InputMetadata.ContainsKey).ToArray();
    }

    private static void CheckLogits(InferenceSession session, int labelCount, bool tagger, List<string> problems)
    {
        if (!session.OutputMetadata.TryGetValue(Logits, out NodeMetadata? logits))
        {
            problems.Add($"output \"{Logits}\" is missing");
            return;
        }

        int rank = tagger ? 3 : 2;
        if (logits.ElementType != typeof(float) || logits.Dimensions.Length != rank)
        {
            string shape = tagger ? "(batch, sequence, labels)" : "(batch, labels)";
            problems.Add($"output \"{Logits}\" must be float of shape {shape}");
            return;
        }

        // A symbolic dimension reads as -1; only a fixed one can be compared before the first run.
        int classes = logits.Dimensions[rank - 1];
        if (classes > 0 && classes != labelCount)
        {
            problems.Add($"output \"{Logits}\" has {classes} classes, but the metadata names {labelCount} labels");
        }
    }
}
