using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// The kubelet, the Job, Deployment and endpoints controllers, the garbage collector and
/// kube-proxy for one release namespace, which this API server lacks: it polls the namespace and
/// does what they would (see <see cref="JobStandIn"/>, <see cref="DeploymentStandIn"/>,
/// <see cref="KubeProxyStandIn"/>). Everything it did is in <see cref="Log"/>.
/// </summary>
public sealed class ClusterStandIn : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly KubeApiServer _server;
    private readonly string _namespace;
    private readonly Kubernetes _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _jobsSeen = [];
    private readonly List<Task> _work = [];
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Dictionary<string, KubeProxyStandIn> _proxies = [];
    private readonly DeploymentStandIn _deployment;
    private readonly Task _loop;

    public ClusterStandIn(KubeApiServer server, string @namespace)
    {
        _server = server;
        _namespace = @namespace;
        _client = server.AdminClient();
        _deployment = new DeploymentStandIn(_client, @namespace, Record);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Decides each new Job's fate (default: run it).</summary>
    public Func<V1Job, JobFate> JobFates { get; set; } = _ => JobFate.Run;

    public IReadOnlyList<int> ReadyPorts => _deployment.ReadyPorts;

    /// <summary>All that the pods of the Deployment printed, including those stopped.</summary>
    public string PodOutput => _deployment.Output;

    public Exception? Fault { get; private set; }

    public string Log => string.Join('\n', _log);

    private void Record(string line) => _log.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await SyncJobsAsync();
                await _deployment.SyncAsync(_stop.Token);
                await SyncServicesAsync();
                await CollectGarbageAsync();
                await Task.Delay(Tick, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Fault ??= e;
                Record($"fault: {e}");
                await Task.Delay(Tick * 5, CancellationToken.None);
            }
        }
    }

    private async Task SyncJobsAsync()
    {
        var jobs = await _client.BatchV1.ListNamespacedJobAsync(_namespace, cancellationToken: _stop.Token);
        foreach (var job in jobs.Items.Where(j => _jobsSeen.Add(j.Metadata.Uid)))
        {
            var fate = JobFates(job);
            Record($"job {job.Metadata.Name} created: {fate}");
            _work.Add(RunJobAsync(job, fate));
        }
    }

    private async Task RunJobAsync(V1Job job, JobFate fate)
    {
        try
        {
            await JobStandIn.RunAsync(_client, _server, job, fate, Record, _stop.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A Job that Helm deleted while it ran is no fault; anything else is.
            if (e is not HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound })
            {
                Fault ??= e;
            }

            Record($"job {job.Metadata.Name}: {e.Message}");
        }
    }

    private async Task SyncServicesAsync()
    {
        var services = await _client.CoreV1.ListNamespacedServiceAsync(_namespace, cancellationToken: _stop.Token);
        foreach (var service in services.Items.Where(s => !_proxies.ContainsKey(s.Metadata.Uid) && s.Spec.ClusterIP is { Length: > 0 } ip && ip != "None"))
        {
            var port = service.Spec.Ports.Single().Port;
            _proxies[service.Metadata.Uid] = new KubeProxyStandIn(IPAddress.Parse(service.Spec.ClusterIP), port, () => _deployment.ReadyPorts);
            Record($"service {service.Metadata.Name}: proxying {service.Spec.ClusterIP}:{port.ToString(CultureInfo.InvariantCulture)}");
        }

        foreach (var gone in _proxies.Keys.Where(uid => services.Items.All(s => s.Metadata.Uid != uid)).ToList())
        {
            await _proxies[gone].DisposeAsync();
            _proxies.Remove(gone);
            Record("service deleted: proxy stopped");
        }
    }

    /// <summary>Pods whose owning Job is gone (Helm deletes hook Jobs without cascading).</summary>
    private async Task CollectGarbageAsync()
    {
        var pods = await _client.CoreV1.ListNamespacedPodAsync(_namespace, cancellationToken: _stop.Token);
        var jobs = await _client.BatchV1.ListNamespacedJobAsync(_namespace, cancellationToken: _stop.Token);
        foreach (var pod in pods.Items.Where(p => p.Metadata.OwnerReferences?.Any(o => o.Kind == "Job" && jobs.Items.All(j => j.Metadata.Uid != o.Uid)) == true))
        {
            await _client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, _namespace, cancellationToken: _stop.Token);
            Record($"pod {pod.Metadata.Name}: owner gone, deleted");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await Task.WhenAll(_work.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
        foreach (var proxy in _proxies.Values)
        {
            await proxy.DisposeAsync();
        }

        await _deployment.DisposeAsync();
        _client.Dispose();
        _stop.Dispose();
    }
}
