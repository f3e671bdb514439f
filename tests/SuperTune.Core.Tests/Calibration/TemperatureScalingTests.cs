using SuperTune.Core.Calibration;

namespace SuperTune.Core.Tests.Calibration;

public class TemperatureScalingTests
{
    [Fact]
    public void OverconfidentLogitsGetTemperatureAboveOne()
    {
        // Logits that put 0.9999 on the predicted class, which is right only 3 times out of 4.
        var logits = new List<float[]>();
        var gold = new List<int>();
        for (var i = 0; i < 400; i++)
        {
            logits.Add([10f, 0f, 0f]);
            gold.Add(i % 4 == 0 ? 1 : 0);
        }

        var temperature = TemperatureScaling.Fit(logits, gold);
        var calibrated = TemperatureScaling.Softmax(logits[0], temperature);

        Assert.True(temperature > 1, $"temperature {temperature}");
        Assert.Equal(0.75, calibrated[0], 2);
    }

    [Fact]
    public void FittedTemperatureMinimisesNegativeLogLikelihood()
    {
        var random = new Random(3);
        var logits = Enumerable.Range(0, 200).Select(_ => new[] { (float)random.NextDouble() * 4, (float)random.NextDouble() * 4 }).ToList();
        var gold = new List<int>();
        foreach (var row in logits)
        {
            var predicted = row[0] > row[1] ? 0 : 1;
            gold.Add(random.NextDouble() < 0.8 ? predicted : 1 - predicted); // right 80% of the time
        }
        var rows = Enumerable.Range(0, gold.Count).ToList();

        var temperature = TemperatureScaling.Fit(logits, gold);
        var best = TemperatureScaling.NegativeLogLikelihood(logits, gold, rows, temperature);

        Assert.True(best <= TemperatureScaling.NegativeLogLikelihood(logits, gold, rows, temperature * 1.2) + 1e-9);
        Assert.True(best <= TemperatureScaling.NegativeLogLikelihood(logits, gold, rows, temperature / 1.2) + 1e-9);
    }

    [Fact]
    public void SeparableDataIsNotSharpened()
    {
        var logits = Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? new[] { 2f, 0f } : new[] { 0f, 2f }).ToList();
        var gold = Enumerable.Range(0, 40).Select(i => i % 2).ToList();

        var temperature = TemperatureScaling.Fit(logits, gold);

        Assert.Equal(1.0, temperature);
    }

    [Fact]
    public void NoLabelledRowsGiveTemperatureOne()
    {
        var temperature = TemperatureScaling.Fit([[1f, 2f]], [-1]);

        Assert.Equal(1.0, temperature);
    }

    [Fact]
    public void SoftmaxKeepsRankingAndSumsToOne()
    {
        var probabilities = TemperatureScaling.Softmax(new float[] { 3f, 1f, 2f }, 2.5);

        Assert.Equal(1.0, probabilities.Sum(), 5);
        Assert.True(probabilities[0] > probabilities[2]);
        Assert.True(probabilities[2] > probabilities[1]);
    }

    [Fact]
    public void FitRecoversTheTemperatureThatGeneratedTheLabels()
    {
        // Labels drawn from softmax(logits / 2.5): the NLL is minimal near T = 2.5, up to sampling noise.
        const double trueTemperature = 2.5;
        var random = new Random(11);
        var logits = new List<float[]>();
        var gold = new List<int>();
        for (var i = 0; i < 5000; i++)
        {
            float[] row = [(float)(random.NextDouble() * 8 - 4), (float)(random.NextDouble() * 8 - 4),
                (float)(random.NextDouble() * 8 - 4)];
            var probabilities = TemperatureScaling.Softmax(row, trueTemperature);
            var draw = random.NextDouble();
            var label = draw < probabilities[0] ? 0 : draw < probabilities[0] + probabilities[1] ? 1 : 2;
            logits.Add(row);
            gold.Add(label);
        }

        var temperature = TemperatureScaling.Fit(logits, gold);

        Assert.InRange(temperature, 2.3, 2.7);
    }
}
