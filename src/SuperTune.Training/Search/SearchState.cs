using System.Text.Json;
using System.Text.Json.Serialization;
using SuperTune.Core;
using SuperTune.Core.Evaluation;

namespace SuperTune.Training.Search;

/// <summary>
/// The record of a search in its folder (search.json): the request, the drawn trials and every finished training
/// run. It is replaced atomically after each run, so an interrupted search continues where it stopped.
/// </summary>
public sealed class SearchState
{
    public const string FileName = "search.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Format version of search.json; a file with another version is rejected.</summary>
    [JsonPropertyName("version")] public int Version { get; init; } = 1;

    [JsonPropertyName("request")] public required SearchRequest Request { get; init; }

    [JsonPropertyName("trials")] public required IReadOnlyList<TrialConfig> Trials { get; init; }

    /// <summary>
    /// The trial with the fixed options' own values, which every rung keeps (see <see cref="SearchRequest.Baseline"/>),
    /// or null for none.
    /// </summary>
    [JsonPropertyName("baseline_trial")] public int? BaselineTrial { get; init; }

    /// <summary>Finished runs in the order they finished.</summary>
    [JsonPropertyName("results")] public List<TrialResult> Results { get; init; } = [];

    /// <summary>
    /// SHA-256 of the training and validation files when the search started (see <see cref="SearchData.Fingerprint"/>),
    /// so a resumed search notices changed data.
    /// </summary>
    [JsonPropertyName("data_sha256")] public string? DataFingerprint { get; set; }

    /// <summary>Set once the best configuration, its model folder and the test scores are written.</summary>
    [JsonPropertyName("finished")] public bool Finished { get; set; }

    /// <summary>Returns the result of <paramref name="trial"/> in <paramref name="rung"/>, or null when it has not run.</summary>
    public TrialResult? Find(int trial, int rung) => Results.FirstOrDefault(r => r.Trial == trial && r.Rung == rung);

    public TrialConfig Trial(int id) => Trials.Single(t => t.Id == id);

    /// <summary>Writes the state to search.json in the request's output folder, replacing the file atomically.</summary>
    public void Save() => AtomicFile.WriteAllText(PathIn(Request.OutputFolder), JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>Returns the JSON of a request as search.json stores it, to compare two requests.</summary>
    public static JsonElement RequestJson(SearchRequest request) =>
        JsonSerializer.SerializeToElement(request, JsonOptions);

    /// <summary>Reads the search.json in <paramref name="folder"/>.</summary>
    /// <exception cref="SuperTuneException">The file is missing, damaged, or of another version.</exception>
    public static SearchState Load(string folder, string optionName)
    {
        var path = PathIn(folder);
        if (!File.Exists(path))
        {
            throw new SuperTuneException($"{optionName} {folder}: no {FileName} found, so it is not a search folder.",
                "Pass the --out folder of an earlier `supertune search`.");
        }

        SearchState? state;
        try
        {
            state = JsonSerializer.Deserialize<SearchState>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new SuperTuneException($"{path}: the search record cannot be read ({e.Message}).",
                $"Delete {folder} and start the search again, or restore the file.");
        }

        if (state is null || state.Version != 1 || state.Trials.Count == 0)
        {
            throw new SuperTuneException($"{path}: not a search record of version 1 with trials.",
                $"Delete {folder} and start the search again.");
        }

        // A search folder that was moved continues in its new place.
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (state.Request.OutputFolder == full) return state;
        return new SearchState
        {
            Request = state.Request with { OutputFolder = full },
            Trials = state.Trials,
            BaselineTrial = state.BaselineTrial,
            Results = state.Results,
            DataFingerprint = state.DataFingerprint,
            Finished = state.Finished,
        };
    }

    public static string PathIn(string folder) => Path.Combine(folder, FileName);
}
