using System.CommandLine;
using SuperTune.Core.Retrieval;
using SuperTune.Training.Retrieval;

namespace SuperTune.Cli.Commands;

/// <summary>The options of <c>supertune train</c> that only <c>--task retrieval</c> reads.</summary>
internal sealed class RetrievalTrainOptions
{
    private static readonly RetrievalOptions Defaults = new();

    public Option<string> QuestionColumn { get; } = KnowledgeBaseOptions.QuestionColumn();

    public Option<string> AnswerColumn { get; } = KnowledgeBaseOptions.AnswerColumn();

    public Option<string?> GroupColumn { get; } = KnowledgeBaseOptions.GroupColumn();

    public Option<string> Match { get; } = new Option<string>("--match")
    {
        Description = "Retrieval: compare messages with each entry's question (nearest FAQ question) or its answer.",
        DefaultValueFactory = _ => Defaults.Match,
    }.AcceptOnlyFromAmong(MatchField.Question, MatchField.Answer);

    public Option<double> Scale { get; } = new("--scale")
    {
        Description = "Retrieval: cosine scale of the ranking loss (inverse temperature).",
        DefaultValueFactory = _ => Defaults.Scale,
    };

    public Option<bool> LearnableScale { get; } = new("--learnable-scale")
    {
        Description = "Retrieval: train the scale with the encoder, starting from --scale.",
    };

    public Option<bool> HardNegatives { get; } = new("--hard-negatives")
    {
        Description = "Retrieval: add to each pair the most similar wrong answer found by the untuned model.",
    };

    public Option<double> TargetPrecision { get; } = new("--target-precision")
    {
        Description = "Retrieval: precision the answer threshold is tuned for on the validation split.",
        DefaultValueFactory = _ => Defaults.TargetPrecision,
    };

    public Option<string?> Corrections { get; } = new("--corrections")
    {
        Description = "Retrieval: conversation log (SQLite, from `supertune chat`) whose agent corrections join " +
                      "the training pairs.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Corrections);
        command.Options.Add(QuestionColumn);
        command.Options.Add(AnswerColumn);
        command.Options.Add(GroupColumn);
        command.Options.Add(Match);
        command.Options.Add(Scale);
        command.Options.Add(LearnableScale);
        command.Options.Add(HardNegatives);
        command.Options.Add(TargetPrecision);
    }

    public RetrievalOptions Read(ParseResult parse) => new()
    {
        QuestionColumn = parse.GetValue(QuestionColumn)!,
        AnswerColumn = parse.GetValue(AnswerColumn)!,
        GroupColumn = parse.GetValue(GroupColumn),
        Match = parse.GetValue(Match)!,
        Scale = parse.GetValue(Scale),
        LearnableScale = parse.GetValue(LearnableScale),
        HardNegatives = parse.GetValue(HardNegatives),
        TargetPrecision = parse.GetValue(TargetPrecision),
    };
}
