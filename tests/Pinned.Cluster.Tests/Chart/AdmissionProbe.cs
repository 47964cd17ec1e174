using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// A user creating pods all the time: every ~150 ms a server-side dry run (which calls webhooks
/// like a real creation) of a pod with an unpinned image in a namespace the chart does not exempt.
/// </summary>
public sealed class AdmissionProbe : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);

    private readonly HttpClient _http;
    private readonly Uri _pods;
    private readonly List<ProbeResult> _results = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _prefix = "probe-" + Guid.NewGuid().ToString("N")[..6];
    private Task? _loop;
    private int _count;

    public AdmissionProbe(KubeApiServer server, string @namespace)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(server.CaFile));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
            {
                chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
        _pods = new Uri(server.Url, $"/api/v1/namespaces/{@namespace}/pods?dryRun=All");
    }

    /// <summary>One probe now.</summary>
    public async Task<ProbeResult> OnceAsync(CancellationToken cancellationToken)
    {
        var name = $"{_prefix}-{Interlocked.Increment(ref _count).ToString(CultureInfo.InvariantCulture)}";
        var pod = $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"app","image":"nginx:1.25"}]}}""";
        using var content = new StringContent(pod, Encoding.UTF8, "application/json");
        var at = DateTime.UtcNow;
        using var response = await _http.PostAsync(_pods, content, cancellationToken);
        return new ProbeResult(name, at, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public void Start() => _loop = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var result = await OnceAsync(_stop.Token);
                lock (_results)
                {
                    _results.Add(result);
                }

                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    });

    /// <summary>Stops probing and returns every result so far.</summary>
    public async Task<IReadOnlyList<ProbeResult>> StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        lock (_results)
        {
            return [.. _results];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }
}
