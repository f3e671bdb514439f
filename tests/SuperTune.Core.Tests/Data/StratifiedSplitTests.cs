using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class StratifiedSplitTests
{
    [Fact]
    public void SameSeed_GivesIdenticalSplit()
    {
        TextExample[] examples = MakeExamples(("a", 40), ("b", 25), ("c", 9));

        var first = StratifiedSplit.Split(examples, 0.2, seed: 42);
        var second = StratifiedSplit.Split(examples, 0.2, seed: 42);

        Assert.Equal(first.Train, second.Train);
        Assert.Equal(first.Validation, second.Validation);
    }

    [Fact]
    public void DifferentSeed_GivesDifferentSplit()
    {
        TextExample[] examples = MakeExamples(("a", 40), ("b", 25));

        var first = StratifiedSplit.Split(examples, 0.2, seed: 1);
        var second = StratifiedSplit.Split(examples, 0.2, seed: 2);

        Assert.NotEqual(first.Validation, second.Validation);
    }

    [Fact]
    public void EachLabel_GetsRoundedShareInValidation()
    {
        TextExample[] examples = MakeExamples(("a", 40), ("b", 25), ("c", 9), ("d", 2));

        var (train, validation) = StratifiedSplit.Split(examples, 0.1, seed: 7);

        Assert.Equal(4, validation.Count(example => example.Label == "a"));
        Assert.Equal(3, validation.Count(example => example.Label == "b")); // 2.5 rounds away from zero
        Assert.Equal(1, validation.Count(example => example.Label == "c")); // 0.9 rounds to 1
        Assert.Equal(1, validation.Count(example => example.Label == "d")); // 0.2 is raised to 1
        Assert.Equal(examples.Length, train.Count + validation.Count);
    }

    [Fact]
    public void LargeFraction_LeavesOneInTrain()
    {
        TextExample[] examples = MakeExamples(("a", 3), ("b", 2));

        var (train, validation) = StratifiedSplit.Split(examples, 0.9, seed: 0);

        Assert.Equal(1, train.Count(example => example.Label == "a"));
        Assert.Equal(1, train.Count(example => example.Label == "b"));
        Assert.Equal(3, validation.Count);
    }

    [Fact]
    public void Split_KeepsOrderAndCoversInput()
    {
        TextExample[] examples = MakeExamples(("a", 30), ("b", 30));

        var (train, validation) = StratifiedSplit.Split(examples, 0.3, seed: 3);

        Assert.Equal([.. train.OrderBy(example => example.Line)], train);
        Assert.Equal([.. validation.OrderBy(example => example.Line)], validation);
        Assert.Equal(examples, train.Concat(validation).OrderBy(example => example.Line));
    }

    [Fact]
    public void LabelWithOneExample_IsRejected()
    {
        TextExample[] examples = MakeExamples(("a", 5), ("b", 1));

        var error = Assert.Throws<ArgumentException>(() => StratifiedSplit.Split(examples, 0.2, seed: 0));

        Assert.StartsWith("Label \"b\" has 1 example, and a stratified split needs at least 2.", error.Message);
    }

    [Fact]
    public void UnlabelledExample_IsRejected()
    {
        TextExample[] examples = [new("a", "x", 2), new("b", null, 3)];

        var error = Assert.Throws<ArgumentException>(() => StratifiedSplit.Split(examples, 0.2, seed: 0));

        Assert.StartsWith("The example on line 3 has no label", error.Message);
    }

    // Interleaves the labels so that each label's examples are spread through the list.
    private static TextExample[] MakeExamples(params (string Label, int Count)[] counts)
    {
        var examples = new List<TextExample>();
        int maxCount = counts.Max(entry => entry.Count);
        for (int i = 0; i < maxCount; i++)
        {
            foreach ((string label, int count) in counts.Where(entry => i < entry.Count))
            {
                examples.Add(new TextExample($"{label} text {i}", label, examples.Count + 2));
            }
        }

        return [.. examples];
    }
}
