namespace SuperTune.Core.Tokenization;

/// <summary>
/// For each character that basic tokenization writes, the UTF-16 range of the input text it came from.
/// Lowercasing and accent stripping change lengths, so output positions cannot be used as input offsets.
/// </summary>
internal sealed class SourceMap
{
    private readonly List<int> _starts = [];
    private readonly List<int> _ends = [];

    /// <summary>Number of output characters mapped.</summary>
    public int Count => _starts.Count;

    /// <summary>Maps the next <paramref name="count"/> output characters to the input range.</summary>
    public void Add(int start, int end, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _starts.Add(start);
            _ends.Add(end);
        }
    }

    /// <summary>Moves the end of the last output character's range to <paramref name="end"/>.</summary>
    public void ExtendLast(int end)
    {
        if (_ends.Count > 0)
        {
            _ends[^1] = end;
        }
    }

    /// <summary>Drops the mappings of the output characters after the first <paramref name="count"/>.</summary>
    public void Truncate(int count)
    {
        _starts.RemoveRange(count, _starts.Count - count);
        _ends.RemoveRange(count, _ends.Count - count);
    }

    /// <summary>Start in the input of output character <paramref name="index"/>.</summary>
    public int StartAt(int index) => _starts[index];

    /// <summary>End (exclusive) in the input of output character <paramref name="index"/>.</summary>
    public int EndAt(int index) => _ends[index];
}
