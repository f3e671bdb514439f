namespace SuperTune.Training.Search;

/// <summary>
/// Successive halving over epochs: every trial trains for the first rung's epochs, and after each rung only the
/// best 1/<see cref="ReductionFactor"/> (rounded up, at least 1) train again with the next rung's epochs. Each rung
/// trains from the base model again, with a learning-rate schedule that fits its epochs, as scikit-learn's
/// HalvingRandomSearchCV fits each remaining candidate anew with the larger resource. That costs more than
/// continuing from the last rung's weights. In return, trials are compared at equal budgets and no checkpoints are
/// kept between rungs.
/// </summary>
/// <param name="RungEpochs">Epochs of each rung, rising; the last is the largest epoch count of the space.</param>
/// <param name="ReductionFactor">Eta: the share of trials that continue is 1/eta.</param>
public sealed record HalvingSchedule(IReadOnlyList<int> RungEpochs, int ReductionFactor)
{
    /// <summary>
    /// Returns the rungs from <paramref name="maxEpochs"/> down: each rung has its successor's epochs divided by
    /// <paramref name="reductionFactor"/> and rounded, until <paramref name="minEpochs"/> is reached. A
    /// <paramref name="minEpochs"/> at or above <paramref name="maxEpochs"/> gives one rung, which turns halving off.
    /// </summary>
    public static HalvingSchedule Create(int minEpochs, int maxEpochs, int reductionFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);

        var rungs = new List<int> { maxEpochs };
        while (rungs[0] > minEpochs)
        {
            var previous = (int)Math.Round(rungs[0] / (double)reductionFactor, MidpointRounding.AwayFromZero);
            rungs.Insert(0, Math.Max(minEpochs, Math.Min(previous, rungs[0] - 1)));
        }

        return new HalvingSchedule(rungs, reductionFactor);
    }

    public int RungCount => RungEpochs.Count;

    /// <summary>Returns the epochs <paramref name="trial"/> trains for in <paramref name="rung"/>: never more than its own.</summary>
    public int EpochsFor(TrialConfig trial, int rung) => Math.Min(RungEpochs[rung], trial.Epochs);

    /// <summary>Returns how many of <paramref name="count"/> trials continue to the next rung.</summary>
    public int Survivors(int count) => Math.Max(1, (int)Math.Ceiling(count / (double)ReductionFactor));

    /// <summary>
    /// Returns the number of training runs of a search that starts with <paramref name="trials"/> trials, one of
    /// them a baseline that every rung keeps when <paramref name="withBaseline"/> is set.
    /// </summary>
    public int PlannedRuns(int trials, bool withBaseline = false)
    {
        var total = 0;
        var baselineRuns = withBaseline && trials > 0 ? 1 : 0;
        for (var rung = 0; rung < RungCount; rung++)
        {
            total += trials;
            var contenders = trials - baselineRuns;
            trials = (contenders > 0 ? Survivors(contenders) : 0) + baselineRuns;
        }

        return total;
    }

    /// <summary>
    /// Returns the ids of the trials that continue after a rung with <paramref name="results"/>: the best
    /// 1/<see cref="ReductionFactor"/> of the trials other than <paramref name="baseline"/> by
    /// <see cref="TrialResult.BestFirst"/>, then the baseline whatever its score. Failed runs never continue.
    /// </summary>
    /// <param name="baseline">
    /// The trial that always continues, so the last rung can compare every survivor with it; null for none.
    /// </param>
    public IReadOnlyList<int> Promote(IReadOnlyList<TrialResult> results, int? baseline = null)
    {
        var contenders = results.Where(r => r.Trial != baseline).ToList();
        var promoted = contenders
            .Where(r => r.Score is not null)
            .Order(TrialResult.BestFirst)
            .Take(Survivors(contenders.Count))
            .Select(r => r.Trial)
            .ToList();
        if (results.Any(r => r.Trial == baseline && r.Score is not null)) promoted.Add(baseline!.Value);
        return promoted;
    }
}
