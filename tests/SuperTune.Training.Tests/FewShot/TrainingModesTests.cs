using SuperTune.Core;
using SuperTune.Training.FewShot;

namespace SuperTune.Training.Tests.FewShot;

public class TrainingModesTests
{
    [Theory]
    [InlineData(19, TrainingModes.FewShot)]
    [InlineData(20, TrainingModes.Standard)]
    [InlineData(500, TrainingModes.Standard)]
    public void AutoLooksAtTheSmallestLabel(int smallest, string expected)
    {
        var counts = new Dictionary<string, int> { ["card"] = 500, ["refund"] = smallest };

        Assert.Equal(expected, TrainingModes.Resolve(TrainingModes.Auto, counts));
    }

    [Fact]
    public void ExplicitModeWins()
    {
        var small = new Dictionary<string, int> { ["card"] = 3, ["refund"] = 3 };
        var large = new Dictionary<string, int> { ["card"] = 300, ["refund"] = 300 };

        Assert.Equal(TrainingModes.Standard, TrainingModes.Resolve(TrainingModes.Standard, small));
        Assert.Equal(TrainingModes.FewShot, TrainingModes.Resolve(TrainingModes.FewShot, large));
    }

    [Fact]
    public void UnknownModeIsNamed()
    {
        var error = Assert.Throws<SuperTuneException>(() =>
            TrainingModes.Resolve("zero-shot", new Dictionary<string, int> { ["card"] = 3 }));

        Assert.Contains("--mode zero-shot", error.Message);
    }
}
