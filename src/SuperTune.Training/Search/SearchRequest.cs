using System.Text.Json.Serialization;
using SuperTune.Core;
using SuperTune.Core.Data;

namespace SuperTune.Training.Search;

/// <summary>What <c>supertune search</c> was asked to do; saved in search.json so a search can be resumed.</summary>
public sealed record SearchRequest
{
    public const string RandomStrategy = "random";
    public const string GridStrategy = "grid";

    public required string DataPath { get; init; }

    /// <summary>Validation data; null holds out a stratified <see cref="TrainingOptions.ValidationFraction"/> of the data.</summary>
    public string? ValidationPath { get; init; }

    /// <summary>Test data, scored once with the best configuration's model; null scores nothing.</summary>
    public string? TestPath { get; init; }

    /// <summary>The search folder (<c>--out</c>).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Null or "all-MiniLM-L6-v2" for the bundled encoder, or a Hugging Face BERT folder.</summary>
    public string? BaseModel { get; init; }

    public DataReadOptions Data { get; init; } = new();

    /// <summary>
    /// Settings every trial shares; a trial replaces the learning rate, epochs, batch size, warmup ratio and weight
    /// decay. The seed also draws the random trials and holds out the validation split.
    /// </summary>
    public TrainingOptions FixedOptions { get; init; } = new();

    public SearchSpace Space { get; init; } = new();

    /// <summary><see cref="RandomStrategy"/> (default) or <see cref="GridStrategy"/>.</summary>
    public string Strategy { get; init; } = RandomStrategy;

    /// <summary>Trials a random search draws. Default 12. A grid search tries every combination instead.</summary>
    public int Trials { get; init; } = 12;

    /// <summary>
    /// Whether the search adds a baseline trial with the searched values of <see cref="FixedOptions"/> (those of
    /// <c>--options</c>, or the defaults), which successive halving always keeps, so the search ends with a
    /// configuration that scores at least as well as the baseline on validation. Default true; <c>--no-baseline</c>
    /// turns it off.
    /// </summary>
    public bool Baseline { get; init; } = true;

    /// <summary>Epochs of the first successive-halving rung. Default 1.</summary>
    public int MinEpochs { get; init; } = 1;

    /// <summary>Eta of successive halving: the best 1/eta of a rung's trials continue. Default 3.</summary>
    public int ReductionFactor { get; init; } = 3;

    /// <summary>Returns the request with every path made absolute, as search.json stores it.</summary>
    public SearchRequest WithAbsolutePaths() => this with
    {
        DataPath = Path.GetFullPath(DataPath),
        ValidationPath = ValidationPath is null ? null : Path.GetFullPath(ValidationPath),
        TestPath = TestPath is null ? null : Path.GetFullPath(TestPath),
        OutputFolder = Path.GetFullPath(OutputFolder).TrimEnd(Path.DirectorySeparatorChar),
        BaseModel = BaseModel is not null && Directory.Exists(BaseModel) ? Path.GetFullPath(BaseModel) : BaseModel,
    };

    /// <summary>The successive-halving rungs of this request.</summary>
    [JsonIgnore]
    public HalvingSchedule Schedule => HalvingSchedule.Create(MinEpochs, Space.MaxEpochs, ReductionFactor);

    /// <summary>Checks every setting and reports all problems in one error, each naming its option.</summary>
    /// <exception cref="SuperTuneException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>(Space.Validate());
        if (Strategy is not (RandomStrategy or GridStrategy))
        {
            problems.Add($"--strategy must be random or grid, got \"{Strategy}\"");
        }

        if (Trials is < 1 or > TrialSampler.MaxGridSize)
        {
            problems.Add($"--trials must be between 1 and {TrialSampler.MaxGridSize}, got {Trials}");
        }

        if (MinEpochs < 1) problems.Add($"--min-epochs must be at least 1, got {MinEpochs}");
        if (ReductionFactor < 2) problems.Add($"--reduction-factor must be at least 2, got {ReductionFactor}");
        if (problems.Count > 0)
        {
            throw new SuperTuneException("Invalid search settings: " + string.Join("; ", problems) + ".");
        }

        try
        {
            FixedOptions.Validate();
        }
        catch (SuperTuneException e)
        {
            throw new SuperTuneException(e.Message, "The fixed settings come from --options and the command line.");
        }
    }
}
