using k8s;
using k8s.Models;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// Every change to the release's ValidatingWebhookConfiguration and Deployment, from API-server
/// watches, each with how many webhook pods were ready (endpoints) when the test saw it.
/// </summary>
public sealed class LifecycleWatch : IAsyncDisposable
{
    private readonly Kubernetes _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<WatchedEvent> _events = [];
    private readonly Func<int> _ready;
    private readonly Task[] _watches;

    public LifecycleWatch(KubeApiServer server, string configurationName, string @namespace, Func<int> ready)
    {
        _client = server.AdminClient();
        _ready = ready;
        var byName = $"metadata.name={configurationName}";
        _watches =
        [
            Task.Run(() => WatchAsync("configuration", _client.AdmissionregistrationV1
                .WatchListValidatingWebhookConfigurationAsync(fieldSelector: byName, cancellationToken: _stop.Token))),
            Task.Run(() => WatchAsync("deployment", _client.AppsV1
                .WatchListNamespacedDeploymentAsync(@namespace, cancellationToken: _stop.Token))),
        ];
    }

    public IReadOnlyList<WatchedEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    private async Task WatchAsync<T>(string what, IAsyncEnumerable<(WatchEventType, T)> stream)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            await foreach (var (type, item) in stream)
            {
                lock (_events)
                {
                    _events.Add(new WatchedEvent(DateTime.UtcNow, what, type, item.Metadata.Uid, item.Metadata.Generation ?? 0, _ready()));
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watches.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
        _client.Dispose();
        _stop.Dispose();
    }
}

public sealed record WatchedEvent(DateTime At, string Subject, WatchEventType Type, string Uid, long Generation, int ReadyPods)
{
    public override string ToString() => $"{At:HH:mm:ss.fff} {Subject} {Type} uid {Uid[..8]} generation {Generation} ({ReadyPods} ready)";
}
