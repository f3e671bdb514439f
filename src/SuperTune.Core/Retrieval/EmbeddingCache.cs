using System.Security.Cryptography;
using System.Text;

namespace SuperTune.Core.Retrieval;

/// <summary>
/// Knowledge-base embeddings saved beside a model, one file per knowledge-base path. The file records the
/// embedder's fingerprint and the knowledge base's content hash. A different fingerprint (the model changed)
/// discards every vector. A different content hash (the file changed) keeps the vectors of texts that are still
/// there, keyed by a hash of the text, so only new or edited entries are embedded again.
/// </summary>
public sealed class EmbeddingCache
{
    private const string Magic = "SuperTune.EmbeddingCache.v1";

    private EmbeddingCache(string fingerprint, string contentHash, int dimension, Dictionary<string, float[]> byText)
    {
        Fingerprint = fingerprint;
        ContentHash = contentHash;
        Dimension = dimension;
        VectorsByTextHash = byText;
    }

    /// <summary>Fingerprint of the embedder that wrote the vectors.</summary>
    public string Fingerprint { get; }

    /// <summary>Content hash of the knowledge-base file when the vectors were written.</summary>
    public string ContentHash { get; }

    public int Dimension { get; }

    /// <summary>Vectors by <see cref="HashText"/> of the embedded text.</summary>
    public IReadOnlyDictionary<string, float[]> VectorsByTextHash { get; }

    /// <summary>Path of the cache file for <paramref name="knowledgeBasePath"/> inside <paramref name="folder"/>.</summary>
    public static string PathFor(string folder, string knowledgeBasePath, string matchField)
    {
        var key = Path.GetFullPath(knowledgeBasePath) + "\n" + matchField;
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(folder, "kb_cache", $"{Path.GetFileNameWithoutExtension(knowledgeBasePath)}.{name}.bin");
    }

    /// <summary>Hex SHA-256 of a text, the key of its vector.</summary>
    public static string HashText(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Reads a cache file, or returns null when it is missing, unreadable or of another format.</summary>
    public static EmbeddingCache? TryLoad(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic) return null;
            var fingerprint = reader.ReadString();
            var contentHash = reader.ReadString();
            var dimension = reader.ReadInt32();
            var count = reader.ReadInt32();
            var byText = new Dictionary<string, float[]>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var vector = new float[dimension];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
                byText[key] = vector;
            }

            return new EmbeddingCache(fingerprint, contentHash, dimension, byText);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the vectors atomically (temporary file, then rename), creating the folder when missing.</summary>
    public static void Save(string path, string fingerprint, string contentHash, int dimension,
        IReadOnlyDictionary<string, float[]> vectorsByTextHash)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(fingerprint);
                writer.Write(contentHash);
                writer.Write(dimension);
                writer.Write(vectorsByTextHash.Count);
                foreach (var (key, vector) in vectorsByTextHash)
                {
                    writer.Write(key);
                    writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()));
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
