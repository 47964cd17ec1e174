using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit.Background;

/// <summary>
/// One replica of `pinned serve` with the background audit on, as the chart runs it: the build's
/// pinned.dll, a policy file, POD_NAMESPACE/POD_NAME/PINNED_AUDIT_LEASE as the downward API sets
/// them, and the cluster's kubeconfig standing in for the pod's service account.
/// </summary>
internal sealed class AuditingServe : IAsyncDisposable
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _client;

    private AuditingServe(Process process, int port, string podName)
    {
        _process = process;
        PodName = podName;
        Metrics = new Uri($"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/metrics");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
#pragma warning disable CA5400 // the dev certificate is self-signed; the test reads its own metrics
        _client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
#pragma warning restore CA5400
    }

    public string PodName { get; }

    public Uri Metrics { get; }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public static AuditingServe Start(string kubeconfig, string policyFile, string leaseNamespace, string lease, string podName)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "pinned.dll"), "serve", "--dev", "--address", "127.0.0.1",
                     "--port", port.ToString(CultureInfo.InvariantCulture), "--config", policyFile, "--shutdown-delay", "0s" })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("PINNED_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["KUBECONFIG"] = kubeconfig;
        info.Environment["POD_NAMESPACE"] = leaseNamespace;
        info.Environment["POD_NAME"] = podName;
        info.Environment["PINNED_AUDIT_LEASE"] = lease;
        return new AuditingServe(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), port, podName);
    }

    /// <summary>The scrape, or null while the server is not up yet (or no longer).</summary>
    public async Task<PrometheusText?> ScrapeAsync()
    {
        try
        {
            return PrometheusText.Parse(await _client.GetStringAsync(Metrics, TestContext.Current.CancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>SIGTERM, as the kubelet stops a container, and the wait for its exit.</summary>
    public async Task TerminateAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        await ChildProcess.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], StopBudget);
        using var deadline = new CancellationTokenSource(StopBudget);
        await _process.WaitForExitAsync(deadline.Token);
    }

    /// <summary>SIGKILL: the process ends without a word to anyone, as when a node dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _client.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
