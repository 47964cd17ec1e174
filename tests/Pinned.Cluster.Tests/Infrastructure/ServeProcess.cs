using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pinned.Cluster.Tests.Infrastructure;

/// <summary>
/// The build's `pinned serve` (pinned.dll) as a process on a free loopback port, its output
/// collected: a webhook the test's API server calls, or a replica running the background audit.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _client;

    private ServeProcess(Process process, int port, string podName)
    {
        _process = process;
        PodName = podName;
        BaseAddress = new Uri($"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        Metrics = new Uri(BaseAddress, "/metrics");
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

    public Uri BaseAddress { get; }

    public Uri Metrics { get; }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// A replica with the background audit on, as the chart runs it: a policy file,
    /// POD_NAMESPACE/POD_NAME/PINNED_AUDIT_LEASE as the downward API sets them, and the cluster's
    /// kubeconfig standing in for the pod's service account; the dev certificate.
    /// </summary>
    public static ServeProcess StartAuditing(string kubeconfig, string policyFile, string leaseNamespace, string lease, string podName) =>
        Start(["--dev", "--config", policyFile], new Dictionary<string, string>
        {
            ["KUBECONFIG"] = kubeconfig,
            ["POD_NAMESPACE"] = leaseNamespace,
            ["POD_NAME"] = podName,
            ["PINNED_AUDIT_LEASE"] = lease,
        }, podName);

    /// <summary>`pinned serve` with these options (the address, port and a 0 s shutdown delay added), no PINNED_* of the test's own.</summary>
    public static ServeProcess Start(IEnumerable<string> options, IReadOnlyDictionary<string, string> environment, string name)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "pinned.dll"), "serve", "--address", "127.0.0.1",
                     "--port", port.ToString(CultureInfo.InvariantCulture), "--shutdown-delay", "0s" }.Concat(options))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var variable in info.Environment.Keys.Where(k => k.StartsWith("PINNED_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(variable);
        }

        // No kubeconfig of the machine's own may leak in: a test that wants a cluster names it.
        info.Environment["KUBECONFIG"] = "/nonexistent/kubeconfig";
        foreach (var (variable, value) in environment)
        {
            info.Environment[variable] = value;
        }

        return new ServeProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), port, name);
    }

    /// <summary>Waits (within the budget) until /readyz answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan budget)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(budget);
        while (!deadline.IsCancellationRequested && !_process.HasExited)
        {
            try
            {
                using var response = await _client.GetAsync(new Uri(BaseAddress, "/readyz"), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"pinned serve not ready within {budget.TotalSeconds:0} s (exited: {_process.HasExited})\n{Output}");
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
