using System.CommandLine;
using SuperTune.Inference.Assistant;

namespace SuperTune.Cli.Commands;

/// <summary>The sentiment or urgency check options of <c>chat</c> and <c>serve</c>.</summary>
internal sealed class SentimentOptions
{
    public Option<string?> Model { get; } = new("--sentiment-model")
    {
        Description = "Exported classifier folder (sentiment or urgency); a message whose --sentiment-label " +
                      "probability reaches --sentiment-threshold is escalated to a person.",
    };

    public Option<string> Label { get; } = new("--sentiment-label")
    {
        Description = "Label of the sentiment model that escalates.",
        DefaultValueFactory = _ => SentimentCheck.DefaultLabel,
    };

    public Option<double> Threshold { get; } = new("--sentiment-threshold")
    {
        Description = "Probability of --sentiment-label (0 to 1) at or above which a message is escalated.",
        DefaultValueFactory = _ => SentimentCheck.DefaultThreshold,
    };

    public IEnumerable<Option> All => [Model, Label, Threshold];

    /// <summary>Loads the check, or returns null when no sentiment model was given.</summary>
    public SentimentCheck? Load(ParseResult parse)
    {
        var folder = parse.GetValue(Model);
        return folder is null ? null : SentimentCheck.Load(folder, parse.GetValue(Label)!, parse.GetValue(Threshold));
    }
}
