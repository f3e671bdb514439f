using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class SharedDataTests
{
    [FactWhenSharedDataPresent]
    public void Banking77Train_Has10003RowsAnd77Labels()
    {
        string path = Path.Combine(SharedDataFolder.Path!, "banking77", "train.csv");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal(10_003, dataset.Examples.Count);
        Assert.Equal(77, dataset.Labels.Count);
        Assert.Equal(new TextExample("I am still waiting on my card?", "card_arrival", 2), dataset.Examples[0]);
        Assert.Equal(10_003, dataset.CountByLabel.Values.Sum());
        Assert.Equal(4, dataset.Warnings.Count(warning => warning.Message.Contains(" repeats line ")));
        DatasetValidation.RequireAtLeastTwoLabels(dataset);
        DatasetValidation.RequireStratifiable(dataset, 0.1);
    }

    [FactWhenSharedDataPresent]
    public void TwitterAirlineSentimentTrain_Has12253RowsAnd3Labels()
    {
        string path = Path.Combine(SharedDataFolder.Path!, "twitter_airline_sentiment", "train.csv");

        Dataset dataset = DatasetReader.Read(path);

        Assert.Equal(12_253, dataset.Examples.Count);
        Assert.Equal(["negative", "neutral", "positive"], dataset.Labels);
        Assert.Empty(dataset.Warnings);
    }

    [FactWhenSharedDataPresent]
    public void Banking77Split_HasAllLabelsInBoth()
    {
        string path = Path.Combine(SharedDataFolder.Path!, "banking77", "train.csv");
        Dataset dataset = DatasetReader.Read(path);

        var (train, validation) = StratifiedSplit.Split(dataset.Examples, 0.1, seed: 42);

        Assert.Equal(77, train.Select(example => example.Label).Distinct().Count());
        Assert.Equal(77, validation.Select(example => example.Label).Distinct().Count());
        Assert.Equal(dataset.Examples.Count, train.Count + validation.Count);
    }
}
