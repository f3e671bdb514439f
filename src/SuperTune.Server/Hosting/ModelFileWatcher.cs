using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SuperTune.Inference;

namespace SuperTune.Server.Hosting;

/// <summary>
/// Reloads the model when model.onnx in its folder changes, or when the folder itself is replaced, as
/// <c>supertune export</c> does by renaming a finished folder into place. A reload starts once no change
/// has been seen for the settle time, so a file still being written is not loaded.
/// </summary>
internal sealed class ModelFileWatcher : IHostedService, IDisposable
{
    private readonly ModelHost _host;
    private readonly TimeSpan _settleTime;
    private readonly ILogger<ModelFileWatcher> _logger;
    private readonly Timer _settleTimer;
    private readonly Lock _lock = new();
    private FileSystemWatcher? _fileWatcher;
    private FileSystemWatcher? _folderWatcher;
    private bool _stopped;
    private bool _reloadPending;

    public ModelFileWatcher(ModelHost host, ServerOptions options, ILogger<ModelFileWatcher> logger)
    {
        _host = host;
        _settleTime = options.ModelFileSettleTime;
        _logger = logger;
        _settleTimer = new Timer(_ => _ = ReloadAsync());
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _host.ModelSwapped += Watch;
        Watch(_host.Current.Classifier.Info.Folder);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _host.ModelSwapped -= Watch;
        lock (_lock)
        {
            _stopped = true;
            _settleTimer.Change(Timeout.Infinite, Timeout.Infinite);
            DisposeWatchers();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        StopAsync(CancellationToken.None);
        _settleTimer.Dispose();
    }

    // The watchers are created again after every swap, because a replaced folder is a new directory that
    // the old watcher does not see.
    private void Watch(string folder)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            DisposeWatchers();
            try
            {
                _fileWatcher = new FileSystemWatcher(folder, OnnxClassifier.ModelFileName)
                {
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
                };
                _fileWatcher.Changed += OnChange;
                _fileWatcher.Created += OnChange;
                _fileWatcher.Renamed += OnChange;
                _fileWatcher.EnableRaisingEvents = true;

                string parent = Path.GetDirectoryName(folder) ?? folder;
                _folderWatcher = new FileSystemWatcher(parent, Path.GetFileName(folder))
                {
                    NotifyFilter = NotifyFilters.DirectoryName,
                };
                _folderWatcher.Created += OnChange;
                _folderWatcher.Renamed += OnChange;
                _folderWatcher.EnableRaisingEvents = true;
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                ServerLog.WatchFailed(_logger, e, folder);
                DisposeWatchers();
            }
        }
    }

    private void OnChange(object sender, FileSystemEventArgs change)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            // One line per burst of changes: a single write raises several events.
            if (!_reloadPending)
            {
                ServerLog.ModelFileChanged(_logger, change.FullPath, _settleTime.TotalMilliseconds);
                _reloadPending = true;
            }

            _settleTimer.Change(_settleTime, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task ReloadAsync()
    {
        lock (_lock)
        {
            _reloadPending = false;
        }

        try
        {
            await _host.ReloadAsync(null, "model files changed", CancellationToken.None);
        }
        catch (Exception)
        {
            // ModelHost logged the failure and kept the current model, and the next change tries again. The
            // timer callback discards this task, so nothing may escape it.
        }
    }

    private void DisposeWatchers()
    {
        _fileWatcher?.Dispose();
        _folderWatcher?.Dispose();
        _fileWatcher = null;
        _folderWatcher = null;
    }
}
