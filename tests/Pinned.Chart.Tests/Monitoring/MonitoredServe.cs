using System.Diagnostics;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests.Monitoring;

/// <summary>
/// The chart rendered with its dashboard and alerts, its `pinned serve` started as the Deployment
/// runs it (ServedChart: the rendered Secret, policy file and args), a real Prometheus scraping
/// /metrics over HTTPS every second with the Secret's CA, labelled as the chart's ServiceMonitor
/// labels it, and the rendered rules loaded; then a few rounds of mixed load between scrapes, so
/// that rates and quantiles have increases to show.
/// </summary>
public sealed class MonitoredServe : IAsyncLifetime
{
    public const string ServiceHost = "pinned.pinned-system.svc";

    /// <summary>
    /// The chart's own certificate, valid for 3 days: under certificateExpiryDays (7), so that
    /// PinnedCertificateExpiresSoon must fire. `for: 0s` makes alerts fire at the first evaluation.
    /// </summary>
    private const string Values = $$"""
        policy: { mode: enforce, exemptNamespaces: [{{MixedLoad.ExemptNamespace}}] }
        mutation: { enabled: true }
        registry: { insecure: ["{{MixedLoad.DeadRegistry}}"], timeout: 500ms }
        tls: { selfSigned: { validityDays: 3 } }
        metrics:
          prometheusRule: { enabled: true, for: 0s }
          grafanaDashboard: { enabled: true }
        """;

    private DirectoryInfo? _directory;

    internal Manifest Manifest { get; private set; } = null!;

    internal ServedChart Served { get; private set; } = null!;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    internal Dashboard Dashboard { get; private set; } = null!;

    /// <summary>/metrics after the load, as the test's own scrape read it.</summary>
    internal string Scrape { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var prometheus = PrometheusTools.Prometheus;
        _directory = Directory.CreateTempSubdirectory("pinned-monitoring-");
        var values = Path.Combine(_directory.FullName, "values.yaml");
        await File.WriteAllTextAsync(values, Values);
        Manifest = await ChartRenderer.RenderFreshAsync(RepoLayout.Chart, [values]);
        Dashboard = Dashboard.Parse((string)Manifest.Single("ConfigMap", "pinned-dashboard").Node["data"]!["pinned.json"]!);
        var ca = Path.Combine(_directory.FullName, "ca.crt");
        var secret = Manifest.Single("Secret", "pinned-tls").Node["data"]!;
        await File.WriteAllBytesAsync(ca, Convert.FromBase64String((string)secret["ca.crt"]!));
        var rules = RuleFile.Write(Manifest, _directory.FullName);

        Served = await ServedChart.StartAsync(Manifest, ServiceHost);
        Prometheus = await PrometheusServer.StartAsync(_directory.FullName, Served.BaseAddress, "pinned", ca, ServiceHost, rules,
            new Dictionary<string, string> { ["namespace"] = "pinned-system", ["service"] = "pinned" });
        await WaitForAsync(async () => (await Prometheus.QueryAsync("up{job=\"pinned\"} == 1")).Count == 1, () => "Prometheus's first good scrape of pinned serve");

        var validate = WebhookEntry.In(Manifest, "ValidatingWebhookConfiguration").Single().Path!;
        var mutate = WebhookEntry.In(Manifest, "MutatingWebhookConfiguration").Single().Path!;
        for (var round = 0; round < 4; round++)
        {
            await MixedLoad.SendAsync(Served, validate, mutate, round);
            await Task.Delay(1500, TestContext.Current.CancellationToken);
        }

        Scrape = await Served.Client.GetStringAsync(new Uri(Served.BaseAddress, "/metrics"), TestContext.Current.CancellationToken);
    }

    /// <summary>Polls <paramref name="condition"/> for up to a minute (several scrapes and rule evaluations on a loaded machine).</summary>
    internal async Task WaitForAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"no {what()} within 60 s.\nprometheus:\n{Prometheus?.Log}\npinned serve:\n{Served?.Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (Served is not null)
        {
            await Served.DisposeAsync();
        }

        _directory?.Delete(recursive: true);
    }
}
