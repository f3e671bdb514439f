using System.Diagnostics;

namespace SuperTune.Bench;

/// <summary>
/// Measures sentences per second of several predictors in interleaved rounds, so that a slow spell of a shared
/// machine affects every predictor of a round alike.
/// </summary>
public static class ThroughputRounds
{
    /// <summary>
    /// Runs one warm-up pass over the first chunks, then <paramref name="rounds"/> rounds in which every predictor
    /// processes all <paramref name="chunks"/>. The starting predictor rotates from round to round.
    /// Returns sentences per second per predictor, indexed [predictor][round].
    /// </summary>
    public static double[][] Measure(IReadOnlyList<(string Name, Action<string[]> Predict)> predictors,
        IReadOnlyList<string[]> chunks, int rounds)
    {
        foreach (var predictor in predictors)
        {
            foreach (string[] chunk in chunks.Take(4)) predictor.Predict(chunk);
        }

        int sentences = chunks.Sum(c => c.Length);
        var results = predictors.Select(_ => new double[rounds]).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int offset = 0; offset < predictors.Count; offset++)
            {
                int index = (round + offset) % predictors.Count;
                var clock = Stopwatch.StartNew();
                foreach (string[] chunk in chunks) predictors[index].Predict(chunk);
                results[index][round] = sentences / clock.Elapsed.TotalSeconds;
                Console.WriteLine($"round {round + 1}/{rounds}: {predictors[index].Name} " +
                                  $"{results[index][round]:F1} sentences/s");
            }
        }

        return results;
    }

    /// <summary>Returns the median of <paramref name="values"/>, averaging the middle two for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
