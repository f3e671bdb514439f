using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class DatasetValidationTests
{
    private const string StratifyHint =
        "Add examples of the label, drop the label, or pass a validation file with --validation.";

    [Fact]
    public void OneLabel_IsRejectedWithLabelAndFile()
    {
        Dataset dataset = Build(("a", "only"), ("b", "only"));

        var error = Assert.Throws<SuperTuneException>(() => DatasetValidation.RequireAtLeastTwoLabels(dataset));

        Assert.Equal("train.csv has only one label, \"only\" (2 examples).", error.Message);
        Assert.Equal("A classifier needs examples of at least two labels. Add examples of other labels, "
            + "or check that --label-column names the column with the labels.", error.Hint);
    }

    [Fact]
    public void NoLabels_IsRejected()
    {
        var dataset = new Dataset("predict.csv", [new TextExample("a", null, 2)]);

        var error = Assert.Throws<SuperTuneException>(() => DatasetValidation.RequireAtLeastTwoLabels(dataset));

        Assert.Equal("predict.csv has no labels.", error.Message);
    }

    [Fact]
    public void TwoLabels_IsAccepted()
    {
        Dataset dataset = Build(("a", "x"), ("b", "y"));

        DatasetValidation.RequireAtLeastTwoLabels(dataset);
    }

    [Fact]
    public void SingleExampleLabel_IsNotStratifiable()
    {
        Dataset dataset = Build(("a", "x"), ("b", "x"), ("c", "lonely"), ("d", "y"), ("e", "y"));

        var error = Assert.Throws<DataException>(() => DatasetValidation.RequireStratifiable(dataset, 0.1));

        Assert.Equal("train.csv:4: label \"lonely\" has only 1 example, but a stratified validation split "
            + "needs at least 2 examples of each label", error.Message);
        Assert.Equal(StratifyHint, error.Hint);
    }

    [Fact]
    public void SeveralSingleExampleLabels_AreAllListed()
    {
        Dataset dataset = Build(("a", "x"), ("b", "p"), ("c", "x"), ("d", "q"), ("e", "r"));

        var error = Assert.Throws<DataException>(() => DatasetValidation.RequireStratifiable(dataset, 0.1));

        Assert.Equal("train.csv:3: label \"p\" has only 1 example, but a stratified validation split "
            + "needs at least 2 examples of each label. Other labels with 1 example: \"q\" (line 5), \"r\" (line 6)",
            error.Message);
    }

    [Fact]
    public void ManySingletons_ListsTenThenCount()
    {
        (string, string)[] rows = [.. Enumerable.Range(0, 13).Select(i => ($"t{i}", $"l{i:D2}"))];
        Dataset dataset = Build(rows);

        var error = Assert.Throws<DataException>(() => DatasetValidation.RequireStratifiable(dataset, 0.2));

        Assert.EndsWith("\"l09\" (line 11), \"l10\" (line 12) and 2 more", error.Message);
    }

    [Fact]
    public void TwoExamplesEach_IsStratifiable()
    {
        Dataset dataset = Build(("a", "x"), ("b", "x"), ("c", "y"), ("d", "y"));

        DatasetValidation.RequireStratifiable(dataset, 0.5);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void FractionOutsideOpenInterval_IsRejected(double fraction)
    {
        Dataset dataset = Build(("a", "x"), ("b", "x"));

        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetValidation.RequireStratifiable(dataset, fraction));
    }

    // Builds a dataset named train.csv whose rows start on line 2, as after a header.
    private static Dataset Build(params (string Text, string Label)[] rows) =>
        new("train.csv", [.. rows.Select((row, i) => new TextExample(row.Text, row.Label, i + 2))]);
}
