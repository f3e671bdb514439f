using System.CommandLine;
using SuperTune.Training.Search;

namespace SuperTune.Cli.Commands;

/// <summary>
/// <c>--space FILE</c> and one option per searched setting (<c>--learning-rates</c>, <c>--epochs</c>, ...), each
/// taking choices <c>A,B,C</c> or a range <c>MIN:MAX[:POINTS]</c>. An option given on the command line replaces the
/// file's entry for that setting.
/// </summary>
internal sealed class SearchSpaceCliOptions
{
    private static readonly SearchSpace Defaults = new();

    private readonly Option<string?> spaceFile = new("--space")
    {
        Description = "JSON file of the search space: per setting (learning_rate, num_train_epochs, " +
                      "per_device_train_batch_size, warmup_ratio, weight_decay) a number, a list of numbers, or " +
                      "{\"min\": A, \"max\": B, \"log\": true|false, \"grid_points\": N}. Settings left out keep " +
                      "their defaults.",
    };

    private readonly Dictionary<string, Option<string?>> perSetting = SearchSpace.Settings.ToDictionary(
        s => s.Name,
        s => new Option<string?>(s.Option) { Description = Describe(s.Name) });

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => perSetting.Values.Prepend<Option>(spaceFile);

    /// <summary>Returns the space of <c>--space</c> (or the defaults) with the per-setting options applied.</summary>
    public SearchSpace Read(ParseResult parse)
    {
        var space = parse.GetValue(spaceFile) is { } path ? SearchSpaceFile.Load(path) : Defaults;
        foreach (var (name, option) in SearchSpace.Settings)
        {
            if (parse.GetValue(perSetting[name]) is not { } text) continue;
            space = space.With(name, SearchSpaceFile.ParseOption(option, text, log: name == "learning_rate"));
        }

        return space;
    }

    private static string Describe(string name)
    {
        var what = name switch
        {
            "learning_rate" => "Peak learning rates: choices A,B,C or a log-scale range MIN:MAX[:GRID_POINTS]",
            "num_train_epochs" => "Epochs of a fully trained trial: choices A,B,C or a range MIN:MAX[:GRID_POINTS]",
            "per_device_train_batch_size" => "Batch sizes: choices A,B,C or a range MIN:MAX[:GRID_POINTS]",
            "warmup_ratio" => "Warmup ratios: choices A,B,C or a range MIN:MAX[:GRID_POINTS]",
            _ => "Weight decays: choices A,B,C or a range MIN:MAX[:GRID_POINTS]",
        };
        return $"{what}. Default: {Defaults.Get(name)}.";
    }
}
