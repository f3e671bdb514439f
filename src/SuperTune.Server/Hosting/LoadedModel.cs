using SuperTune.Inference;

namespace SuperTune.Server.Hosting;

/// <summary>
/// A classifier with a reference count. The host keeps one reference while the model is current, and each
/// batch keeps one while it runs. The classifier is disposed when the last reference is released.
/// </summary>
internal sealed class LoadedModel
{
    private int _references = 1;

    public LoadedModel(OnnxClassifier classifier)
    {
        Classifier = classifier;
        LoadedAt = DateTimeOffset.UtcNow;
    }

    public OnnxClassifier Classifier { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>Whether the classifier was disposed because no reference remained.</summary>
    public bool IsReleased => Volatile.Read(ref _references) == 0;

    /// <summary>Adds a reference unless the count already reached zero, which a swap can cause at any time.</summary>
    public bool TryAddReference()
    {
        while (true)
        {
            int references = Volatile.Read(ref _references);
            if (references == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, references + 1, references) == references)
            {
                return true;
            }
        }
    }

    /// <summary>Drops a reference and disposes the classifier when it was the last one.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Classifier.Dispose();
        }
    }
}
