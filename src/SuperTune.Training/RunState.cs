namespace SuperTune.Training;

/// <summary>Counters of a training run and of the current logging interval.</summary>
internal sealed class RunState
{
    private double intervalLossSum;
    private double intervalGradNormSum;
    private int intervalSteps;
    private long intervalExamples;
    private double intervalStartSeconds;

    public int Step { get; set; }

    public long ExamplesSeen { get; private set; }

    public long RealTokensSeen { get; private set; }

    public long PaddedTokensSeen { get; private set; }

    /// <summary>Takes over the counters of a checkpoint, so a resumed run reports totals over the whole run.</summary>
    public void Restore(int step, long examplesSeen, long realTokensSeen, long paddedTokensSeen)
    {
        Step = step;
        ExamplesSeen = examplesSeen;
        RealTokensSeen = realTokensSeen;
        PaddedTokensSeen = paddedTokensSeen;
    }

    public void RecordBatch(int examples, int realTokens, int paddedTokens)
    {
        ExamplesSeen += examples;
        intervalExamples += examples;
        RealTokensSeen += realTokens;
        PaddedTokensSeen += paddedTokens;
    }

    public void RecordStep(double loss, double gradNorm)
    {
        intervalLossSum += loss;
        intervalGradNormSum += gradNorm;
        intervalSteps++;
    }

    /// <summary>Returns the interval's mean loss, mean gradient norm and throughput, and starts a new interval.</summary>
    public (double Loss, double GradNorm, double ExamplesPerSecond) TakeInterval(double elapsedSeconds)
    {
        var seconds = Math.Max(elapsedSeconds - intervalStartSeconds, 1e-9);
        var result = (intervalLossSum / Math.Max(1, intervalSteps), intervalGradNormSum / Math.Max(1, intervalSteps),
            intervalExamples / seconds);
        intervalLossSum = 0;
        intervalGradNormSum = 0;
        intervalSteps = 0;
        intervalExamples = 0;
        intervalStartSeconds = elapsedSeconds;
        return result;
    }
}
