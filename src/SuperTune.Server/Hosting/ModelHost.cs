using SuperTune.Core;
using Microsoft.Extensions.Logging;
using SuperTune.Inference;

namespace SuperTune.Server.Hosting;

/// <summary>
/// The model being served and its hot reload. A reload loads the new classifier first and then swaps it in
/// with one atomic exchange. Batches with a lease on the old classifier finish on it, and it is disposed
/// when the last lease is released. A failed load leaves the current model in place.
/// </summary>
internal sealed class ModelHost : IDisposable
{
    private readonly OnnxClassifierOptions _options;
    private readonly ILogger<ModelHost> _logger;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly Lock _swapLock = new();
    private LoadedModel? _current;
    private bool _disposed;

    public ModelHost(OnnxClassifier initial, OnnxClassifierOptions options, ILogger<ModelHost> logger)
    {
        _options = options;
        _logger = logger;
        _current = new LoadedModel(initial);
        ServerLog.ModelLoaded(logger, initial.Info.Name, initial.Info.Folder, initial.Labels.Count,
            initial.Info.MaxLength);
    }

    /// <summary>Raised after a successful reload, with the new model's folder.</summary>
    public event Action<string>? ModelSwapped;

    /// <summary>Whether a model is loaded; false only after the host was disposed.</summary>
    public bool IsReady => Volatile.Read(ref _current) is not null;

    /// <summary>The model being served.</summary>
    /// <exception cref="ObjectDisposedException">The host was disposed.</exception>
    public LoadedModel Current => Volatile.Read(ref _current) ?? throw new ObjectDisposedException(nameof(ModelHost));

    /// <summary>Takes a reference to the current model, to hold while classifying with it.</summary>
    /// <exception cref="ObjectDisposedException">The host was disposed.</exception>
    public ModelLease Acquire()
    {
        while (true)
        {
            LoadedModel model = Current;
            if (model.TryAddReference())
            {
                return new ModelLease(model);
            }

            // The model was swapped out and released between the read and the increment; read the new one.
        }
    }

    /// <summary>
    /// Loads the model in <paramref name="folder"/>, or again from the current folder when it is null, and
    /// swaps it in. Reloads run one at a time.
    /// </summary>
    /// <exception cref="Core.SuperTuneException">The model failed to load; the current one is still served.</exception>
    public async Task<LoadedModel> ReloadAsync(string? folder, string reason, CancellationToken cancellationToken)
    {
        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            LoadedModel previous = Current;
            string target = folder ?? previous.Classifier.Info.Folder;
            OnnxClassifier classifier;
            try
            {
                classifier = await Task.Run(() => OnnxClassifier.Load(target, _options), CancellationToken.None);
            }
            catch (SuperTuneException e)
            {
                // A wrong folder or file is the caller's mistake: one line, no stack trace.
                ServerLog.ModelReloadRejected(_logger, target, reason, e.Message, previous.Classifier.Info.Name);
                throw;
            }
            catch (Exception e)
            {
                ServerLog.ModelReloadFailed(_logger, e, target, reason, previous.Classifier.Info.Name);
                throw;
            }

            var loaded = new LoadedModel(classifier);
            if (!TrySwap(previous, loaded))
            {
                classifier.Dispose();
                throw new ObjectDisposedException(nameof(ModelHost));
            }

            ServerLog.ModelReloaded(_logger, classifier.Info.Name, classifier.Info.Folder, reason,
                previous.Classifier.Info.Name);
            ModelSwapped?.Invoke(classifier.Info.Folder);
            return loaded;
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    public void Dispose()
    {
        lock (_swapLock)
        {
            _disposed = true;
            Interlocked.Exchange(ref _current, null)?.Release();
        }
    }

    private bool TrySwap(LoadedModel previous, LoadedModel loaded)
    {
        lock (_swapLock)
        {
            if (_disposed)
            {
                return false;
            }

            Interlocked.Exchange(ref _current, loaded);
            previous.Release();
            return true;
        }
    }
}
