using SuperTune.Core.Retrieval;

namespace SuperTune.Core.Tests.Retrieval;

public class VectorIndexTests
{
    [Fact]
    public void SearchRanksByCosine()
    {
        var index = new VectorIndex(2);
        index.Add("east", [1, 0]);
        index.Add("north", [0, 1]);
        index.Add("north-east", [0.7071f, 0.7071f]);

        var hits = index.Search([0.8f, 0.6f], 3);

        Assert.Equal(["north-east", "east", "north"], hits.Select(h => h.Id));
        Assert.Equal(0.8f, hits[1].Score, 5);
    }

    [Fact]
    public void RemoveKeepsOtherVectors()
    {
        var index = new VectorIndex(2);
        index.Add("a", [1, 0]);
        index.Add("b", [0, 1]);
        index.Add("c", [-1, 0]);

        Assert.True(index.Remove("a"));
        Assert.False(index.Remove("a"));

        Assert.Equal(2, index.Count);
        Assert.Equal([-1f, 0f], index.VectorOf("c").ToArray());
        Assert.Equal("c", index.Search([-1, 0], 1)[0].Id);
    }

    [Fact]
    public void TopRowsMatchesFullSort()
    {
        var random = new Random(3);
        var scores = Enumerable.Range(0, 1000).Select(_ => (float)random.NextDouble()).ToArray();

        var top = VectorIndex.TopRows(scores, 10);

        var expected = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Take(10);
        Assert.Equal(expected, top);
    }

    [Fact]
    public void WrongDimensionIsRejected()
    {
        var index = new VectorIndex(3);

        Assert.Throws<ArgumentException>(() => index.Add("a", [1, 0]));
    }
}
