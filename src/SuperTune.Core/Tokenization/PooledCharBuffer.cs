using System.Buffers;
using System.Text;

namespace SuperTune.Core.Tokenization;

/// <summary>
/// A growable character buffer rented from <see cref="ArrayPool{T}.Shared"/>, so that encoding many short
/// texts reuses the same arrays. Dispose returns the array to the pool.
/// </summary>
internal sealed class PooledCharBuffer : IDisposable
{
    private char[] _chars;

    public PooledCharBuffer(int initialCapacity)
    {
        _chars = ArrayPool<char>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>Number of characters written.</summary>
    public int Length { get; private set; }

    public ReadOnlySpan<char> AsSpan() => _chars.AsSpan(0, Length);

    public void Append(char c)
    {
        EnsureCapacity(Length + 1);
        _chars[Length++] = c;
    }

    public void Append(Rune rune)
    {
        EnsureCapacity(Length + 2);
        Length += rune.EncodeToUtf16(_chars.AsSpan(Length));
    }

    public void Append(ReadOnlySpan<char> text)
    {
        EnsureCapacity(Length + text.Length);
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
    }

    /// <summary>Drops the characters after the first <paramref name="length"/>.</summary>
    public void Truncate(int length) => Length = length;

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        _chars = [];
        Length = 0;
    }

    private void EnsureCapacity(int capacity)
    {
        if (capacity <= _chars.Length)
        {
            return;
        }

        char[] larger = ArrayPool<char>.Shared.Rent(Math.Max(capacity, _chars.Length * 2));
        AsSpan().CopyTo(larger);
        ArrayPool<char>.Shared.Return(_chars);
        _chars = larger;
    }
}
