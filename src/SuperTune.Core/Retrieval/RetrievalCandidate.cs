namespace SuperTune.Core.Retrieval;

/// <summary>A knowledge-base entry found for a message, with its cosine similarity to it.</summary>
public sealed record RetrievalCandidate(KnowledgeBaseEntry Entry, float Score);
