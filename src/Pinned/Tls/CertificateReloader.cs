using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinned.Telemetry;

namespace Pinned.Tls;

/// <summary>
/// Keeps <see cref="CertificateStore"/> in step with tls.crt/tls.key. When cert-manager rotates the
/// Secret, the kubelet writes a new timestamped directory and swaps the "..data" symlink, so the
/// watcher is on the directories, and a periodic poll (TimeProvider) catches what a watcher misses
/// (some volume types emit no events). Files that do not load (half-written, key not matching
/// the certificate yet) leave the previous certificate in service; the next change retries.
/// </summary>
internal sealed class CertificateReloader(CertificateFiles files, CertificateStore store, TimeProvider time, ILogger<CertificateReloader> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private byte[]? _lastSeen;

    /// <summary>Loads the files if they changed since the last attempt; true when the store holds a certificate.</summary>
    public bool TryLoad()
    {
        string certPem, keyPem;
        try
        {
            certPem = File.ReadAllText(files.CertPath);
            keyPem = File.ReadAllText(files.KeyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.CertificateReloadFailed(logger, files.CertPath, files.KeyPath, e.Message);
            return store.IsLoaded;
        }

        var fingerprint = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(certPem + "\n--key--\n" + keyPem));
        if (_lastSeen is not null && fingerprint.AsSpan().SequenceEqual(_lastSeen))
        {
            return store.IsLoaded;
        }

        _lastSeen = fingerprint;
        try
        {
            var (leaf, intermediates) = PemCertificate.Load(certPem, keyPem);
            store.Set(leaf, intermediates);
            Log.CertificateLoaded(logger, leaf.Subject, leaf.Thumbprint, leaf.NotAfter);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            Log.CertificateReloadFailed(logger, files.CertPath, files.KeyPath, e.Message);
        }

        return store.IsLoaded;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watchers = new WatcherSet(Signal, files.CertPath, files.KeyPath);
        using var timer = new PeriodicTimer(files.PollInterval, time);
        Task<bool>? tick = null;
        Task? change = null;
        try
        {
            while (true)
            {
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                change ??= _changed.WaitAsync(stoppingToken);
                var done = await Task.WhenAny(tick, change).ConfigureAwait(false);
                if (done == tick)
                {
                    if (!await tick.ConfigureAwait(false))
                    {
                        return;
                    }

                    tick = null;
                }
                else
                {
                    await change.ConfigureAwait(false);
                    change = null;
                }

                TryLoad();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private void Signal()
    {
        try
        {
            if (_changed.CurrentCount == 0)
            {
                _changed.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one reload covers both events.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>One watcher per directory holding the files; any event there means "look again".</summary>
    private sealed class WatcherSet : IDisposable
    {
        private readonly List<FileSystemWatcher> _watchers = [];

        public WatcherSet(Action onChange, params string[] paths)
        {
            foreach (var directory in paths.Select(p => Path.GetDirectoryName(Path.GetFullPath(p))!).Distinct(StringComparer.Ordinal))
            {
                try
                {
                    var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false };
                    watcher.Changed += (_, _) => onChange();
                    watcher.Created += (_, _) => onChange();
                    watcher.Renamed += (_, _) => onChange();
                    watcher.Deleted += (_, _) => onChange();
                    watcher.EnableRaisingEvents = true;
                    _watchers.Add(watcher);
                }
                catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
                {
                    // The poll still covers this directory.
                }
            }
        }

        public void Dispose()
        {
            foreach (var watcher in _watchers)
            {
                watcher.Dispose();
            }
        }
    }
}
