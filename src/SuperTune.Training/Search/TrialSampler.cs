namespace SuperTune.Training.Search;

/// <summary>Draws the trials of a search: every combination of a grid, or seeded random draws.</summary>
public static class TrialSampler
{
    /// <summary>Grids larger than this are rejected, because even one epoch per trial would take days.</summary>
    public const int MaxGridSize = 1000;

    /// <summary>
    /// Returns every combination of the grid values of <paramref name="space"/>, the learning rate varying slowest
    /// and weight decay fastest.
    /// </summary>
    public static IReadOnlyList<TrialConfig> Grid(SearchSpace space)
    {
        var axes = SearchSpace.Settings
            .Select(s => space.Get(s.Name).GridValues(SearchSpace.IsInteger(s.Name)))
            .ToList();
        var size = axes.Aggregate(1L, (product, axis) => product * axis.Count);
        if (size > MaxGridSize)
        {
            throw new Core.SuperTuneException(
                $"The grid has {size} combinations ({string.Join(" x ", axes.Select(a => a.Count))}), more than " +
                $"{MaxGridSize}.", "Use --strategy random with --trials, or give fewer values or grid points.");
        }

        var trials = new List<TrialConfig>();
        foreach (var lr in axes[0])
        foreach (var epochs in axes[1])
        foreach (var batch in axes[2])
        foreach (var warmup in axes[3])
        foreach (var decay in axes[4])
        {
            trials.Add(Create(trials.Count + 1, [lr, epochs, batch, warmup, decay]));
        }

        return trials;
    }

    /// <summary>
    /// Returns <paramref name="count"/> trials drawn with a <see cref="Random"/> seeded with <paramref name="seed"/>,
    /// so the same space and seed give the same trials. A draw that repeats an earlier trial is drawn again, up to
    /// 100 times, so repeats remain only when the space has fewer combinations than trials.
    /// </summary>
    public static IReadOnlyList<TrialConfig> Random(SearchSpace space, int count, int seed)
    {
        var random = new Random(seed);
        var trials = new List<TrialConfig>();
        while (trials.Count < count)
        {
            TrialConfig trial;
            var attempts = 0;
            do
            {
                var values = SearchSpace.Settings
                    .Select(s => space.Get(s.Name).Sample(random, SearchSpace.IsInteger(s.Name)))
                    .ToArray();
                trial = Create(trials.Count + 1, values);
            }
            while (trials.Any(t => t.SameValues(trial)) && ++attempts < 100);

            trials.Add(trial);
        }

        return trials;
    }

    /// <summary>
    /// Returns <paramref name="drawn"/> with a baseline trial that has the searched values of
    /// <paramref name="options"/>, and the baseline's id. A drawn trial that already has those values is the
    /// baseline. Otherwise the baseline comes first as trial 1, and the drawn trials are numbered after it.
    /// </summary>
    public static (IReadOnlyList<TrialConfig> Trials, int Baseline) WithBaseline(IReadOnlyList<TrialConfig> drawn,
        TrainingOptions options)
    {
        var baseline = Create(1,
            [options.LearningRate, options.NumTrainEpochs, options.BatchSize, options.WarmupRatio, options.WeightDecay]);
        if (drawn.FirstOrDefault(t => t.SameValues(baseline)) is { } same) return (drawn, same.Id);
        return ([baseline, .. drawn.Select(t => t with { Id = t.Id + 1 })], baseline.Id);
    }

    private static TrialConfig Create(int id, double[] values) => new()
    {
        Id = id,
        LearningRate = values[0],
        Epochs = (int)values[1],
        BatchSize = (int)values[2],
        WarmupRatio = values[3],
        WeightDecay = values[4],
    };
}
