namespace SuperTune.Core.Calibration;

/// <summary>
/// Temperature scaling (Guo et al., 2017, "On Calibration of Modern Neural Networks"): one scalar T divides the
/// logits before the softmax, fitted to minimise the negative log-likelihood of held-out labels. It changes the
/// confidence of predictions, never their ranking.
/// </summary>
public static class TemperatureScaling
{
    private const double MinTemperature = 0.25;
    private const double MaxTemperature = 20;

    /// <summary>
    /// Fewer validation errors than this give no evidence of underconfidence: on (nearly) separable data the NLL
    /// keeps falling as T shrinks, so the fit would only sharpen scores that are already right.
    /// </summary>
    public const int MinErrorsToSharpen = 10;

    /// <summary>
    /// Returns the temperature minimising validation NLL, between 0.25 and 20, and at least 1 when the rows have
    /// fewer than <see cref="MinErrorsToSharpen"/> errors. <paramref name="logProbabilities"/> may be logits or
    /// log-softmax outputs, because a per-row constant does not change the softmax. Rows whose gold index is
    /// negative (labels unknown to the model) are skipped, and with no usable rows the result is 1.
    /// </summary>
    public static double Fit(IReadOnlyList<float[]> logProbabilities, IReadOnlyList<int> gold)
    {
        var rows = Enumerable.Range(0, gold.Count).Where(i => gold[i] >= 0).ToList();
        if (rows.Count == 0) return 1.0;
        var errors = rows.Count(i => ArgMax(logProbabilities[i]) != gold[i]);

        // Golden-section search over log T: the NLL is smooth and, in practice, unimodal in log T.
        double low = Math.Log(MinTemperature), high = Math.Log(MaxTemperature);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = high - ratio * (high - low);
        var b = low + ratio * (high - low);
        double nllA = NegativeLogLikelihood(logProbabilities, gold, rows, Math.Exp(a));
        double nllB = NegativeLogLikelihood(logProbabilities, gold, rows, Math.Exp(b));
        for (var iteration = 0; iteration < 60; iteration++)
        {
            if (nllA < nllB)
            {
                high = b;
                b = a;
                nllB = nllA;
                a = high - ratio * (high - low);
                nllA = NegativeLogLikelihood(logProbabilities, gold, rows, Math.Exp(a));
            }
            else
            {
                low = a;
                a = b;
                nllA = nllB;
                b = low + ratio * (high - low);
                nllB = NegativeLogLikelihood(logProbabilities, gold, rows, Math.Exp(b));
            }
        }

        var fitted = Math.Exp((low + high) / 2);
        return errors < MinErrorsToSharpen ? Math.Max(fitted, 1.0) : fitted;
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>Returns softmax(<paramref name="logits"/> / <paramref name="temperature"/>) as a new array.</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits, double temperature)
    {
        var result = new float[logits.Length];
        var max = double.NegativeInfinity;
        foreach (var value in logits) max = Math.Max(max, value / temperature);

        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            var exponent = Math.Exp(logits[i] / temperature - max);
            result[i] = (float)exponent;
            sum += exponent;
        }

        for (var i = 0; i < result.Length; i++) result[i] = (float)(result[i] / sum);
        return result;
    }

    /// <summary>Mean negative log-likelihood of the gold labels at temperature <paramref name="temperature"/>.</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<float[]> logProbabilities, IReadOnlyList<int> gold,
        IReadOnlyList<int> rows, double temperature)
    {
        var total = 0.0;
        foreach (var row in rows)
        {
            var scaled = logProbabilities[row];
            var max = double.NegativeInfinity;
            foreach (var value in scaled) max = Math.Max(max, value / temperature);

            var sum = 0.0;
            foreach (var value in scaled) sum += Math.Exp(value / temperature - max);
            total += Math.Log(sum) + max - scaled[gold[row]] / temperature;
        }

        return total / rows.Count;
    }
}
