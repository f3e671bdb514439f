using System.Numerics.Tensors;

namespace SuperTune.Core.Retrieval;

/// <summary>
/// Exact cosine search over L2-normalised vectors kept in one contiguous array. Scoring is one SIMD dot product
/// per row (<see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>), so 100,000 rows of 384
/// floats are one pass over 150 MB. Add appends; remove moves the last row into the hole, so neither touches
/// the other rows' vectors.
/// </summary>
public sealed class VectorIndex
{
    private readonly Dictionary<string, int> rowById = new(StringComparer.Ordinal);
    private readonly List<string> idByRow = [];
    private float[] vectors;

    public VectorIndex(int dimension, int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        vectors = new float[dimension * Math.Max(capacity, 1)];
    }

    /// <summary>Length of every vector.</summary>
    public int Dimension { get; }

    /// <summary>Number of vectors in the index.</summary>
    public int Count => idByRow.Count;

    /// <summary>Whether an entry with this id is in the index.</summary>
    public bool Contains(string id) => rowById.ContainsKey(id);

    /// <summary>Adds or replaces the vector of <paramref name="id"/>.</summary>
    public void Add(string id, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimension)
        {
            throw new ArgumentException($"Vector of {id} has {vector.Length} values; the index holds {Dimension}.",
                nameof(vector));
        }

        if (!rowById.TryGetValue(id, out var row))
        {
            row = idByRow.Count;
            EnsureCapacity(row + 1);
            rowById[id] = row;
            idByRow.Add(id);
        }

        vector.CopyTo(vectors.AsSpan(row * Dimension, Dimension));
    }

    /// <summary>Removes <paramref name="id"/>; returns false when it was not in the index.</summary>
    public bool Remove(string id)
    {
        if (!rowById.Remove(id, out var row)) return false;
        var last = idByRow.Count - 1;
        if (row != last)
        {
            vectors.AsSpan(last * Dimension, Dimension).CopyTo(vectors.AsSpan(row * Dimension, Dimension));
            idByRow[row] = idByRow[last];
            rowById[idByRow[row]] = row;
        }

        idByRow.RemoveAt(last);
        return true;
    }

    /// <summary>Returns the vector stored for <paramref name="id"/>.</summary>
    public ReadOnlySpan<float> VectorOf(string id) => vectors.AsSpan(rowById[id] * Dimension, Dimension);

    /// <summary>Scores every row against <paramref name="query"/> and returns the ids with their cosine.</summary>
    public float[] ScoreAll(ReadOnlySpan<float> query)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"Query has {query.Length} values; the index holds {Dimension}.",
                nameof(query));
        }

        var scores = new float[Count];
        var all = vectors.AsSpan(0, Count * Dimension);
        for (var row = 0; row < scores.Length; row++)
        {
            scores[row] = TensorPrimitives.Dot(all.Slice(row * Dimension, Dimension), query);
        }

        return scores;
    }

    /// <summary>Id of the vector in row <paramref name="row"/> of <see cref="ScoreAll"/>'s result.</summary>
    public string IdAt(int row) => idByRow[row];

    /// <summary>Returns the <paramref name="k"/> rows with the highest cosine, best first.</summary>
    public IReadOnlyList<(string Id, float Score)> Search(ReadOnlySpan<float> query, int k)
    {
        var scores = ScoreAll(query);
        return TopRows(scores, k).Select(row => (idByRow[row], scores[row])).ToList();
    }

    /// <summary>Row numbers of the <paramref name="k"/> highest scores, best first; ties keep the lower row.</summary>
    public static int[] TopRows(float[] scores, int k)
    {
        k = Math.Min(k, scores.Length);
        if (k <= 0) return [];

        // A min-heap of the best k seen so far: one comparison per row for the usual row that does not enter it.
        var heap = new PriorityQueue<int, (float Score, int NegativeRow)>(k);
        for (var row = 0; row < scores.Length; row++)
        {
            var key = (scores[row], -row);
            if (heap.Count < k) heap.Enqueue(row, key);
            else if (heap.TryPeek(out _, out var worst) && key.CompareTo(worst) > 0) heap.EnqueueDequeue(row, key);
        }

        var best = new int[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--) best[i] = heap.Dequeue();
        return best;
    }

    private void EnsureCapacity(int rows)
    {
        if (rows * Dimension <= vectors.Length) return;
        Array.Resize(ref vectors, Math.Max(rows, idByRow.Count * 2) * Dimension);
    }
}
