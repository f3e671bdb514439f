namespace SuperTune.Training.FewShot;

/// <summary>Two training examples and the cosine similarity their embeddings should have.</summary>
/// <param name="First">Index of the anchor example.</param>
/// <param name="Second">Index of its partner.</param>
/// <param name="Target">1 when both carry the same label, 0 otherwise.</param>
public readonly record struct SentencePair(int First, int Second, float Target);
