using SuperTune.Training.Jobs;
using SuperTune.Training.Search;

namespace SuperTune.Training.Tests.Search;

/// <summary>
/// A trial trainer that trains nothing: it scores each run by a formula of its options, writes a small model
/// folder, records every call, and can cancel the search after a number of runs.
/// </summary>
internal sealed class ScriptedTrialTrainer(Func<TrainingOptions, double> score) : ITrialTrainer
{
    private CancellationTokenSource? cancelSource;
    private int cancelAfter = int.MaxValue;

    /// <summary>The options of every run, in order.</summary>
    public List<(string Folder, TrainingOptions Options)> Calls { get; } = [];

    /// <summary>Cancels <paramref name="source"/> once <paramref name="runs"/> runs have finished.</summary>
    public ScriptedTrialTrainer CancelAfter(int runs, CancellationTokenSource source)
    {
        cancelAfter = runs;
        cancelSource = source;
        return this;
    }

    public TrialOutcome Train(TrainRequest request, CancellationToken cancellation)
    {
        Calls.Add((request.OutputFolder, request.Options));
        Directory.CreateDirectory(request.OutputFolder);
        File.WriteAllText(Path.Combine(request.OutputFolder, "config.json"), "{\"supertune\": {}}");
        if (Calls.Count >= cancelAfter) cancelSource!.Cancel();

        var value = score(request.Options);
        if (double.IsNaN(value)) throw new NonFiniteLossException(double.NaN, step: 3, restoredBest: false);
        return new TrialOutcome(value, value, request.Options.NumTrainEpochs);
    }
}
