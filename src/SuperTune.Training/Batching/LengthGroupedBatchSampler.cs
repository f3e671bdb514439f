namespace SuperTune.Training.Batching;

/// <summary>
/// Orders examples into batches of similar length so dynamic padding wastes little compute, while keeping the
/// order random across epochs. Indices are shuffled, cut into mega-batches of 50 batches, each mega-batch is
/// sorted by length and cut into batches, and the batches are shuffled (the scheme of transformers'
/// LengthGroupedSampler).
/// </summary>
public sealed class LengthGroupedBatchSampler
{
    private const int BatchesPerMegaBatch = 50;

    private readonly IReadOnlyList<int> lengths;
    private readonly int batchSize;
    private readonly int seed;

    public LengthGroupedBatchSampler(IReadOnlyList<int> lengths, int batchSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.lengths = lengths;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /// <summary>Number of batches per epoch.</summary>
    public int BatchCount => (lengths.Count + batchSize - 1) / batchSize;

    /// <summary>Returns the batches of example indices for <paramref name="epoch"/>, the same for the same seed and epoch.</summary>
    public IReadOnlyList<int[]> BatchesForEpoch(int epoch)
    {
        // HashCode.Combine is randomised per process, so the epoch seed is mixed by hand to stay reproducible.
        var random = new Random(unchecked(seed * 1_000_003 + epoch));
        var indices = Enumerable.Range(0, lengths.Count).ToArray();
        random.Shuffle(indices);

        var batches = new List<int[]>(BatchCount);
        var megaBatchSize = batchSize * BatchesPerMegaBatch;
        for (var start = 0; start < indices.Length; start += megaBatchSize)
        {
            var megaBatch = indices.AsSpan(start, Math.Min(megaBatchSize, indices.Length - start)).ToArray();
            Array.Sort(megaBatch, (a, b) => lengths[b].CompareTo(lengths[a]));
            for (var offset = 0; offset < megaBatch.Length; offset += batchSize)
            {
                batches.Add(megaBatch.AsSpan(offset, Math.Min(batchSize, megaBatch.Length - offset)).ToArray());
            }
        }

        var shuffled = batches.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    /// <summary>Returns batches in descending length for evaluation, where order does not matter.</summary>
    public static IReadOnlyList<int[]> SortedBatches(IReadOnlyList<int> lengths, int batchSize)
    {
        var order = Enumerable.Range(0, lengths.Count).OrderByDescending(i => lengths[i]).ToArray();
        return order.Chunk(batchSize).ToList();
    }
}
