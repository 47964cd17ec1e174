using System.Text.Json;
using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Monitoring;
using Pinned.Cluster.Tests.Audit;
using Pinned.Cluster.Tests.Chart;
using Pinned.Cluster.Tests.Infrastructure;
using Pinned.Policy.Tests.Conformance;

namespace Pinned.Cluster.Tests.Webhook;

/// <summary>
/// The chart's alerts on the API server's own metrics (apiserver_admission_webhook_*), rendered by
/// real Helm, in a real Prometheus scraping the real API server that calls a real `pinned serve`:
/// denials make PinnedDenials fire, and once the webhook is gone, the refusals of failurePolicy
/// Fail make PinnedWebhookUnreachable fire (promtool's unit tests cover the rest with synthetic
/// series: tests/Pinned.Chart.Tests/Monitoring/alerts-test.yaml).
/// </summary>
[Collection(AuditCluster.Name)]
public sealed class ApiServerAlertTests(PlainApiServer server)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Denials_and_then_an_unreachable_webhook_fire_their_alerts_from_the_api_servers_metrics()
    {
        server.Require();
        var directory = Directory.CreateTempSubdirectory("pinned-apiserver-alerts-");
        try
        {
            var rules = await RuleFileAsync(directory.FullName);
            var ns = await server.CreateNamespaceAsync("alerts");
            await using var hook = await RegisteredWebhook.StartAsync(server, ns, Budget);
            await using var prometheus = await PrometheusServer.StartAsync(directory.FullName, server.Url, "apiserver", server.CaFile, "127.0.0.1",
                rules, new Dictionary<string, string>(), server.AdminToken);

            await UntilFiringAsync(prometheus, "PinnedDenials", () => CreateAsync(ns, "nginx:latest", "denied the request"));
            var denials = await FiringAsync(prometheus, "PinnedDenials");
            Assert.Equal("validate.pinned.dev", (string?)denials!["labels"]!["name"]);
            Assert.Equal("CREATE", (string?)denials["labels"]!["operation"]);
            Assert.DoesNotContain(await prometheus.AlertsAsync(), a => (string?)a!["labels"]!["alertname"] == "PinnedWebhookUnreachable");

            await hook.Serve.KillAsync();
            await UntilFiringAsync(prometheus, "PinnedWebhookUnreachable", () => CreateAsync(ns, "nginx:1.27@sha256:" + new string('a', 64), "failed calling webhook"));
            var unreachable = await FiringAsync(prometheus, "PinnedWebhookUnreachable");
            Assert.Equal("critical", (string?)unreachable!["labels"]!["severity"]);
            Assert.Equal("validate.pinned.dev", (string?)unreachable["labels"]!["name"]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The chart's PrometheusRule, by real Helm 3, `for: 0s`; its spec as a Prometheus rule file.</summary>
    private async Task<string> RuleFileAsync(string directory)
    {
        var values = Path.Combine(directory, "values.yaml");
        await File.WriteAllTextAsync(values, "metrics: {prometheusRule: {enabled: true, for: 0s}}\n", TestContext.Current.CancellationToken);
        var rendered = await new Helm(3, server).OkAsync("template", "pinned", Helm.ChartDirectory, "--namespace", "pinned-system",
            "-f", values, "--show-only", "templates/prometheusrule.yaml");
        var path = Path.Combine(directory, "pinned-rules.yaml");
        await File.WriteAllTextAsync(path, YamlJson.Load(rendered)!["spec"]!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
            TestContext.Current.CancellationToken);
        return path;
    }

    /// <summary>A pod the API server must refuse with <paramref name="refusal"/>; a new name each time (nothing is created).</summary>
    private async Task CreateAsync(string ns, string image, string refusal)
    {
        var result = await server.KubectlAsync(["-n", ns, "run", "p" + Guid.NewGuid().ToString("N")[..8], $"--image={image}"]);
        Assert.True(result.ExitCode != 0 && result.Stderr.Contains(refusal, StringComparison.Ordinal), $"expected '{refusal}': {result}");
    }

    /// <summary>Sends refused requests, one a second, until the alert fires (several scrapes and evaluations).</summary>
    private static async Task UntilFiringAsync(PrometheusServer prometheus, string alert, Func<Task> request)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Budget);
        while (!deadline.IsCancellationRequested)
        {
            await request();
            if (await FiringAsync(prometheus, alert) is not null)
            {
                return;
            }

            await Task.Delay(1000, CancellationToken.None);
        }

        Assert.Fail($"{alert} did not fire within {Budget.TotalSeconds:0} s: {(await prometheus.AlertsAsync()).ToJsonString()}\n{prometheus.Log}");
    }

    private static async Task<JsonNode?> FiringAsync(PrometheusServer prometheus, string alert) =>
        (await prometheus.AlertsAsync()).FirstOrDefault(a => (string?)a!["labels"]!["alertname"] == alert && (string?)a["state"] == "firing");
}
