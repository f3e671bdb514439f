namespace SuperTune.Training.Tests;

public class ClassWeightingChoiceTests
{
    [Fact]
    public void AutoWeightsSkewedSentimentLabels()
    {
        // 63 / 21 / 16 percent, the shape of airline sentiment tweets.
        Assert.True(ClassWeightingChoice.Resolve(ClassWeightingChoice.Auto, [7718, 2594, 1941]));
    }

    [Fact]
    public void AutoLeavesMildImbalanceUnweighted()
    {
        Assert.False(ClassWeightingChoice.Resolve(ClassWeightingChoice.Auto, [35, 120, 130, 187, 150, 140]));
    }

    [Fact]
    public void ExplicitChoicesWin()
    {
        Assert.True(ClassWeightingChoice.Resolve(ClassWeightingChoice.Balanced, [10, 10]));
        Assert.False(ClassWeightingChoice.Resolve(ClassWeightingChoice.None, [1000, 1]));
    }

    [Fact]
    public void UniformLabelsHaveShareOne()
    {
        Assert.Equal(1.0, ClassWeightingChoice.EffectiveLabelShare([5, 5, 5, 5]), 9);
    }
}
