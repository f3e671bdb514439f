namespace SuperTune.Training.Retrieval;

/// <summary>
/// Draws training batches in which no two pairs share an answer key. With in-batch negatives every other
/// pair's positive is a negative, so two pairs with the same answer would teach the model to push a question
/// away from its own answer. The order is shuffled per epoch and reproducible for a seed; a batch holds at most
/// as many pairs as there are distinct answers.
/// </summary>
public sealed class DistinctAnswerBatchSampler
{
    private readonly IReadOnlyList<int> answerIds;
    private readonly int seed;

    /// <param name="answerIds">Answer key of each pair as a small integer; equal ids mean the same answer.</param>
    public DistinctAnswerBatchSampler(IReadOnlyList<int> answerIds, int batchSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.answerIds = answerIds;
        this.seed = seed;
        var distinct = answerIds.Distinct().Count();
        BatchSize = Math.Min(batchSize, Math.Max(distinct, 1));
    }

    /// <summary>Pairs per batch: the requested size, or the number of distinct answers when that is smaller.</summary>
    public int BatchSize { get; }

    /// <summary>
    /// Returns the batches of pair indices for <paramref name="epoch"/>, every pair at most once. A pair left
    /// alone at the end, when only its answer remains, is skipped, because a batch of one has no negative.
    /// </summary>
    public IReadOnlyList<int[]> BatchesForEpoch(int epoch)
    {
        // HashCode.Combine is randomised per process, so the epoch seed is mixed by hand to stay reproducible.
        var random = new Random(unchecked(seed * 1_000_003 + epoch));
        var order = Enumerable.Range(0, answerIds.Count).ToArray();
        random.Shuffle(order);

        // Each batch takes pending pairs in shuffled order, skipping those whose answer it already has; the
        // skipped pairs stay first in line for the next batch.
        var pending = new LinkedList<int>(order);
        var batches = new List<int[]>();
        var answersInBatch = new HashSet<int>();
        while (pending.Count > 0)
        {
            var batch = new List<int>(BatchSize);
            answersInBatch.Clear();
            for (var node = pending.First; node is not null && batch.Count < BatchSize;)
            {
                var next = node.Next;
                if (answersInBatch.Add(answerIds[node.Value]))
                {
                    batch.Add(node.Value);
                    pending.Remove(node);
                }

                node = next;
            }

            // A lone pair has no negative and so no loss; it is left out of this epoch.
            if (batch.Count > 1) batches.Add([.. batch]);
        }

        return batches;
    }
}
