namespace SuperTune.Core.Retrieval;

/// <summary>How an index was built: vectors reused from the cache, vectors computed, and the time taken.</summary>
public sealed record IndexBuildStats(int Reused, int Embedded, bool CacheWritten, double Seconds);
