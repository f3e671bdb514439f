using SuperTune.Core.Data;

namespace SuperTune.Core.Tests.Data;

public sealed class LabelMapTests
{
    [Fact]
    public void FromLabels_NumbersDistinctLabelsInOrdinalOrder()
    {
        LabelMap map = LabelMap.FromLabels(["refund", "Balance", "card", "refund"]);

        Assert.Equal(["Balance", "card", "refund"], map.Labels);
        Assert.Equal(3, map.Count);
        Assert.Equal(0, map.Id("Balance"));
        Assert.Equal(2, map.Id("refund"));
        Assert.Equal("card", map.Label(1));
    }

    [Fact]
    public void TryGetId_UnknownLabel_ReturnsFalse()
    {
        var map = new LabelMap(["a", "b"]);

        Assert.True(map.TryGetId("b", out int id));
        Assert.Equal(1, id);
        Assert.False(map.TryGetId("B", out _));
    }

    [Fact]
    public void Id_UnknownLabel_Throws()
    {
        var map = new LabelMap(["a", "b"]);

        var error = Assert.Throws<KeyNotFoundException>(() => map.Id("c"));

        Assert.Equal("Label \"c\" is not one of the 2 labels of this label map.", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Label_IdOutOfRange_Throws(int id)
    {
        var map = new LabelMap(["a", "b"]);

        Assert.Throws<ArgumentOutOfRangeException>(() => map.Label(id));
    }

    [Fact]
    public void Id2Label_UsesDecimalStringKeys()
    {
        var map = new LabelMap(Enumerable.Range(0, 12).Select(i => $"label{i}"));

        Dictionary<string, string> id2label = map.ToId2Label();

        Assert.Equal("label0", id2label["0"]);
        Assert.Equal("label11", id2label["11"]);
        Assert.Equal(12, id2label.Count);
    }

    [Fact]
    public void Id2Label_RoundTrips()
    {
        var map = new LabelMap(["negative", "neutral", "positive"]);

        LabelMap restored = LabelMap.FromId2Label(map.ToId2Label());

        Assert.Equal(map.Labels, restored.Labels);
    }

    [Fact]
    public void Label2Id_RoundTrips()
    {
        var map = new LabelMap(["z", "a", "m"]);

        Dictionary<string, int> label2id = map.ToLabel2Id();
        LabelMap restored = LabelMap.FromLabel2Id(label2id);

        Assert.Equal(new Dictionary<string, int> { ["z"] = 0, ["a"] = 1, ["m"] = 2 }, label2id);
        Assert.Equal(map.Labels, restored.Labels);
    }

    [Fact]
    public void FromId2Label_UnorderedKeys_OrdersById()
    {
        var id2label = new Dictionary<string, string> { ["1"] = "b", ["0"] = "a" };

        LabelMap map = LabelMap.FromId2Label(id2label);

        Assert.Equal(["a", "b"], map.Labels);
    }

    [Theory]
    [InlineData("2", "key \"2\" is not an id between 0 and 1.")]
    [InlineData("01", "key \"01\" is not an id between 0 and 1.")]
    [InlineData("LABEL_1", "key \"LABEL_1\" is not an id between 0 and 1.")]
    public void FromId2Label_BadKey_Throws(string key, string problem)
    {
        var id2label = new Dictionary<string, string> { ["0"] = "a", [key] = "b" };

        var error = Assert.Throws<SuperTuneException>(() => LabelMap.FromId2Label(id2label));

        Assert.Equal($"Invalid id2label: {problem}", error.Message);
    }

    [Fact]
    public void FromId2Label_RepeatedLabel_Throws()
    {
        var id2label = new Dictionary<string, string> { ["0"] = "a", ["1"] = "a" };

        var error = Assert.Throws<SuperTuneException>(() => LabelMap.FromId2Label(id2label));

        Assert.Equal("Invalid id2label: label \"a\" appears twice, with ids 0 and 1.", error.Message);
    }

    [Fact]
    public void FromLabel2Id_SharedId_Throws()
    {
        var label2id = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0 };

        var error = Assert.Throws<SuperTuneException>(() => LabelMap.FromLabel2Id(label2id));

        Assert.Equal("Invalid label2id: labels \"a\" and \"b\" both have id 0.", error.Message);
    }

    [Fact]
    public void FromLabel2Id_IdOutOfRange_Throws()
    {
        var label2id = new Dictionary<string, int> { ["a"] = 0, ["b"] = 5 };

        var error = Assert.Throws<SuperTuneException>(() => LabelMap.FromLabel2Id(label2id));

        Assert.Equal("Invalid label2id: label \"b\" has id 5, outside 0 to 1.", error.Message);
    }

    [Fact]
    public void Constructor_RepeatedLabel_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LabelMap(["a", "b", "a"]));
    }

    [Fact]
    public void Constructor_NoLabels_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LabelMap([]));
    }
}
