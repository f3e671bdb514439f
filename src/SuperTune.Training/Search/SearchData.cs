using System.Security.Cryptography;
using SuperTune.Core;
using SuperTune.Core.Data;

namespace SuperTune.Training.Search;

/// <summary>
/// The training and validation files every trial reads. Without a validation file, the search holds out a
/// stratified share of the data once and writes both parts to data/ in the search folder. Every trial, also after a
/// resume, then validates on the same examples, and none trains on them.
/// </summary>
/// <param name="TrainPath">Training file of every trial.</param>
/// <param name="ValidationPath">Validation file of every trial.</param>
/// <param name="Read">How to read both files.</param>
/// <param name="ValidationCount">Examples in the validation file.</param>
/// <param name="Description">Where the validation data came from, for results.md.</param>
public sealed record SearchData(string TrainPath, string ValidationPath, DataReadOptions Read, int ValidationCount,
    string Description)
{
    public const string FolderName = "data";

    /// <summary>Returns the SHA-256 of the training file and, when given, the validation file, in hexadecimal.</summary>
    public static string Fingerprint(SearchRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in new[] { request.DataPath, request.ValidationPath }.OfType<string>())
        {
            hash.AppendData(File.ReadAllBytes(path));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Reads the request's data, checks it, and writes the split when the request has no validation file.</summary>
    /// <exception cref="SuperTuneException">The data cannot be read, has one label, or cannot be split.</exception>
    public static SearchData Prepare(SearchRequest request)
    {
        var data = DatasetReader.Read(request.DataPath, request.Data);
        DatasetValidation.RequireAtLeastTwoLabels(data);
        if (request.ValidationPath is not null)
        {
            var validation = DatasetReader.Read(request.ValidationPath, request.Data);
            return new SearchData(request.DataPath, request.ValidationPath, request.Data, validation.Examples.Count,
                $"{request.ValidationPath} ({validation.Examples.Count} examples)");
        }

        var fraction = request.FixedOptions.ValidationFraction;
        DatasetValidation.RequireStratifiable(data, fraction);
        var (train, held) = StratifiedSplit.Split(data.Examples, fraction, request.FixedOptions.Seed);
        var folder = Path.Combine(request.OutputFolder, FolderName);
        var trainPath = Path.Combine(folder, "train.csv");
        var validationPath = Path.Combine(folder, "validation.csv");
        LabeledCsvWriter.Write(trainPath, train);
        LabeledCsvWriter.Write(validationPath, held);
        return new SearchData(trainPath, validationPath, new DataReadOptions(), held.Count,
            $"stratified {fraction:P0} of the training data, seed {request.FixedOptions.Seed} " +
            $"({held.Count} examples, in {FolderName}/validation.csv)");
    }
}
