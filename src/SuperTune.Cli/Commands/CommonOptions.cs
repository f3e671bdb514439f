using System.CommandLine;
using System.CommandLine.Parsing;
using SuperTune.Core.Data;

namespace SuperTune.Cli.Commands;

/// <summary>Options shared by several verbs: data columns and format, task, device and verbosity.</summary>
internal static class CommonOptions
{
    public static Option<string> TextColumn() => new("--text-column")
    {
        Description = "Column (CSV/TSV header) or field (JSONL) that holds the message text.",
        DefaultValueFactory = _ => "text",
    };

    public static Option<string> LabelColumn() => new("--label-column")
    {
        Description = "Column or field that holds the label.",
        DefaultValueFactory = _ => "label",
    };

    public static Option<DataFormat> Format() => new("--format")
    {
        Description = "Data file format; auto picks it from the extension (.csv, .tsv, .jsonl).",
        DefaultValueFactory = _ => DataFormat.Auto,
    };

    public static Option<string> Task() => new Option<string>("--task")
    {
        Description = "What the model learns: classify (one label per text), entities (BIO tags per word, from " +
                      "JSONL with tokens and tags or with text and spans) or retrieval (question/answer pairs for " +
                      "answering from a knowledge base).",
        DefaultValueFactory = _ => "classify",
    }.AcceptOnlyFromAmong("classify", "entities", "retrieval");

    public static Option<string> Device() => new Option<string>("--device")
    {
        Description = "Where libtorch runs: cpu, or cuda with TorchSharp's CUDA package referenced.",
        DefaultValueFactory = _ => "cpu",
    }.AcceptOnlyFromAmong("cpu", "cuda");

    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "Print debug messages and stack traces of errors.",
    };

    /// <summary>
    /// Adds a parse error naming every option given beside <paramref name="resume"/> except
    /// <paramref name="verbose"/>: a resumed run repeats its saved request, so those options would be ignored.
    /// </summary>
    public static void RejectOptionsBesideResume(CommandResult result, Option resume, Option verbose)
    {
        var others = result.Children.OfType<OptionResult>()
            .Where(o => !o.Implicit && o.Option != resume && o.Option != verbose)
            .Select(o => o.Option.Name)
            .ToList();
        if (others.Count > 0)
        {
            result.AddError($"--resume takes no other option, but {string.Join(", ", others)} was given.");
        }
    }
}
