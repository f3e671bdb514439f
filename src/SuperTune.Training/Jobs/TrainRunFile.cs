using System.Text.Json;
using System.Text.Json.Serialization;
using SuperTune.Core;
using SuperTune.Core.Models;

namespace SuperTune.Training.Jobs;

/// <summary>
/// The <c>run.json</c> of a training run in progress: its whole request with absolute paths, so that
/// <c>supertune train --resume</c> can repeat it from any working folder.
/// </summary>
public static class TrainRunFile
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes <paramref name="request"/> into <paramref name="folder"/>, its paths made absolute.</summary>
    public static void Save(string folder, TrainRequest request)
    {
        var absolute = request with
        {
            DataPath = Path.GetFullPath(request.DataPath),
            ValidationPath = request.ValidationPath is null ? null : Path.GetFullPath(request.ValidationPath),
            TestPath = request.TestPath is null ? null : Path.GetFullPath(request.TestPath),
            CorrectionsPath = request.CorrectionsPath is null ? null : Path.GetFullPath(request.CorrectionsPath),
            OutputFolder = Path.GetFullPath(request.OutputFolder),
            BaseModel = request.BaseModel is not null && Directory.Exists(request.BaseModel)
                ? Path.GetFullPath(request.BaseModel)
                : request.BaseModel,
        };
        File.WriteAllText(Path.Combine(folder, AtomicFolder.ResumableMarker), JsonSerializer.Serialize(absolute, JsonOptions));
    }

    /// <summary>Reads the request of the run whose staging folder is <paramref name="folder"/>.</summary>
    /// <exception cref="SuperTuneException">The file is missing or is not a valid request.</exception>
    public static TrainRequest Load(string folder)
    {
        var path = Path.Combine(folder, AtomicFolder.ResumableMarker);
        try
        {
            return JsonSerializer.Deserialize<TrainRequest>(File.ReadAllText(path), JsonOptions)
                   ?? throw new JsonException("the file contains null");
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException)
        {
            throw new SuperTuneException($"{path}: the request of the interrupted run cannot be read ({e.Message}).",
                $"Delete {folder} and start the run again.");
        }
    }
}
