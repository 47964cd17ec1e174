using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// One release of charts/pinned under a real Helm, in its own namespace, with the stand-in
/// controllers running, the webhook configuration and Deployment watched, and a workload
/// namespace to probe admission in. Disposing removes whatever the test left, webhook
/// configurations first, so that no other test of the collection is locked out.
/// </summary>
public sealed class ChartRelease : IAsyncDisposable
{
    /// <summary>Pinned writes a review's log line within milliseconds; a busy machine gets a generous margin.</summary>
    private static readonly TimeSpan LogBudget = TimeSpan.FromSeconds(30);

    private readonly KubeApiServer _server;
    private readonly AdmissionProbe _oneShot;

    private ChartRelease(KubeApiServer server, Helm helm, string name, string @namespace, string workloads)
    {
        _server = server;
        Helm = helm;
        Name = name;
        Namespace = @namespace;
        WorkloadNamespace = workloads;
        StandIn = new ClusterStandIn(server, @namespace);
        Watch = new LifecycleWatch(server, name, @namespace, () => StandIn.ReadyPorts.Count);
        _oneShot = new AdmissionProbe(server, workloads);
    }

    public Helm Helm { get; }

    /// <summary>The release name, which contains "pinned": also the fullname of every object and of the webhook configurations.</summary>
    public string Name { get; }

    public string Namespace { get; }

    public string WorkloadNamespace { get; }

    public ClusterStandIn StandIn { get; }

    public LifecycleWatch Watch { get; }

    public static async Task<ChartRelease> CreateAsync(KubeApiServer server, int major, string purpose)
    {
        server.Require();
        var helm = new Helm(major, server);
        var ns = await server.CreateNamespaceAsync($"pinned-{purpose}-h{major}");
        var workloads = await server.CreateNamespaceAsync($"apps-{purpose}-h{major}");
        return new ChartRelease(server, helm, $"pinned-{purpose}-{major}-{Guid.NewGuid().ToString("N")[..4]}", ns, workloads);
    }

    public AdmissionProbe StartProbe()
    {
        var probe = new AdmissionProbe(_server, WorkloadNamespace);
        probe.Start();
        return probe;
    }

    /// <summary>One pod creation now, in the workload namespace.</summary>
    public Task<ProbeResult> ProbeOnceAsync() => _oneShot.OnceAsync(TestContext.Current.CancellationToken);

    public Task<CommandResult> InstallAsync(params string[] sets) =>
        Helm.RunAsync(["install", Name, Helm.ChartDirectory, "--namespace", Namespace, "--timeout", Helm.Timeout, .. Sets(sets)]);

    public Task<CommandResult> UpgradeAsync(params string[] sets) =>
        Helm.RunAsync(["upgrade", Name, Helm.ChartDirectory, "--namespace", Namespace, "--timeout", Helm.Timeout, .. Sets(sets)]);

    public Task<CommandResult> UninstallAsync(string timeout = Helm.Timeout, CancellationToken? cancellationToken = null) =>
        Helm.RunAsync(["uninstall", Name, "--namespace", Namespace, "--timeout", timeout], cancellationToken);

    /// <summary>Every probe the API server admitted was reviewed by Pinned (its log names the pod), or the first that was not.</summary>
    public async Task<ProbeResult?> FirstAdmittedUnreviewedAsync(IEnumerable<ProbeResult> results)
    {
        var admitted = results.Where(r => r.Admitted).ToList();
        using var deadline = new CancellationTokenSource(LogBudget);
        while (true)
        {
            var output = StandIn.PodOutput;
            var missing = admitted.FirstOrDefault(r => !output.Contains($"/{r.PodName} ", StringComparison.Ordinal));
            if (missing is null || deadline.IsCancellationRequested)
            {
                return missing;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
    }

    /// <summary>What a failure message needs: the stand-in's log, the watched events and the probes.</summary>
    public string Describe(IEnumerable<ProbeResult>? probes = null) =>
        $"\n-- stand-in:\n{StandIn.Log}\n-- watched:\n{string.Join('\n', Watch.Events)}\n-- probes:\n{string.Join('\n', probes ?? [])}\n{_server.LogHint}";

    public async ValueTask DisposeAsync()
    {
        await _server.KubectlAsync(["delete", "validatingwebhookconfiguration,mutatingwebhookconfiguration", Name, "--ignore-not-found"]);
        await Helm.RunAsync(["uninstall", Name, "--namespace", Namespace, "--no-hooks", "--ignore-not-found"], CancellationToken.None);
        await _oneShot.DisposeAsync();
        await Watch.DisposeAsync();
        await StandIn.DisposeAsync();
    }

    private static IEnumerable<string> Sets(string[] sets) => sets.SelectMany(s => new[] { "--set", s });
}
