using SuperTune.Core.Entities;
using SuperTune.Core.Tests.Data;

namespace SuperTune.Core.Tests.Entities;

/// <summary>The SNIPS slot data reads without problems and with the counts its README gives.</summary>
public sealed class SnipsReadingTests
{
    [FactWhenSharedDataPresent]
    public void ReadsAllSplits()
    {
        string folder = Path.Combine(SharedDataFolder.Path!, "snips");

        TaggedDataset train = TaggedDataReader.Read(Path.Combine(folder, "train.jsonl"));
        TaggedDataset test = TaggedDataReader.Read(Path.Combine(folder, "test.jsonl"));

        Assert.Equal(13_084, train.Examples.Count);
        Assert.Equal(33_958, train.SpanCount);
        Assert.Equal(39, train.EntityTypes.Count);
        Assert.Equal(1_790, test.SpanCount);
    }
}
