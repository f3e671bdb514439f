using SuperTune.Inference;

namespace SuperTune.Server.Hosting;

/// <summary>
/// One reference to a <see cref="LoadedModel"/>, released on dispose, so that a swap cannot dispose it in use.
/// </summary>
internal sealed class ModelLease : IDisposable
{
    private LoadedModel? _model;

    public ModelLease(LoadedModel model)
    {
        _model = model;
        Classifier = model.Classifier;
    }

    public OnnxClassifier Classifier { get; }

    public void Dispose() => Interlocked.Exchange(ref _model, null)?.Release();
}
