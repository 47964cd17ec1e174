using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

/// <summary>ServiceMonitor, PrometheusRule and NetworkPolicy: off by default, right when on.</summary>
public sealed class OptionalObjectsTests
{
    [Fact]
    public async Task Defaults_render_none_of_them()
    {
        var manifest = await ChartRenderer.RenderAsync();

        Assert.DoesNotContain(manifest.Objects, o => o.Kind is "ServiceMonitor" or "PrometheusRule" or "NetworkPolicy" or "Certificate" or "Issuer");
        Assert.Equal(["pinned-policy"], manifest.OfKind("ConfigMap").Select(c => c.Name));
    }

    [Fact]
    public async Task The_dashboard_is_a_config_map_the_grafana_sidecar_finds_in_the_namespace_it_watches()
    {
        var values = Path.Combine(Directory.CreateTempSubdirectory("pinned-values-").FullName, "values.yaml");
        await File.WriteAllTextAsync(values, "metrics: {grafanaDashboard: {enabled: true, namespace: monitoring, labels: {team: platform}, annotations: {grafana_folder: Pinned}}}\n",
            TestContext.Current.CancellationToken);

        var dashboard = (await ChartRenderer.RenderFreshAsync(RepoLayout.Chart, [values])).Single("ConfigMap", "pinned-dashboard");

        Assert.Equal("monitoring", dashboard.Namespace);
        Assert.Equal("1", dashboard.Labels["grafana_dashboard"]);
        Assert.Equal("platform", dashboard.Labels["team"]);
        Assert.Equal("Pinned", dashboard.Annotations["grafana_folder"]);
        var json = JsonNode.Parse((string)dashboard.Node["data"]!["pinned.json"]!)!;
        Assert.Equal("pinned-webhook", (string?)json["uid"]);
        Assert.Equal("pinned-system", (await ChartRenderer.RenderAsync("ci/monitoring-values.yaml")).Single("ConfigMap", "pinned-dashboard").Namespace);
    }

    [Fact]
    public async Task Alerts_watch_fail_closed_refusals_fail_open_admissions_denials_errors_and_the_certificate_of_this_release()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/monitoring-values.yaml");
        var rule = manifest.Single("PrometheusRule");
        var alerts = rule["spec.groups[0].rules"]!.AsArray().ToDictionary(r => (string)r!["alert"]!, r => r!);
        var names = WebhookEntry.All(await ChartRenderer.RenderAsync("ci/audit-namespaces-values.yaml"))
            .Concat(WebhookEntry.All(await ChartRenderer.RenderAsync("ci/mutation-values.yaml")))
            .Select(e => e.Name).Distinct().ToArray();

        Assert.Equal(["PinnedWebhookUnreachable", "PinnedWebhookFailOpen", "PinnedDenials", "PinnedWebhookErrors", "PinnedCertificateExpiresSoon"], alerts.Keys);
        var apiServerAlerts = alerts.Where(a => ((string)a.Value["expr"]!).Contains("apiserver_", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, apiServerAlerts.Length);
        var unreachable = (string)alerts["PinnedWebhookUnreachable"]["expr"]!;
        Assert.Contains("apiserver_admission_webhook_rejection_count", unreachable, StringComparison.Ordinal);
        Assert.Contains("error_type=\"calling_webhook_error\"", unreachable, StringComparison.Ordinal);
        Assert.Equal("critical", (string?)alerts["PinnedWebhookUnreachable"]["labels"]!["severity"]);
        Assert.Contains("apiserver_admission_webhook_fail_open_count", (string)alerts["PinnedWebhookFailOpen"]["expr"]!, StringComparison.Ordinal);
        Assert.Contains("error_type=\"no_error\"", (string)alerts["PinnedDenials"]["expr"]!, StringComparison.Ordinal);
        // The name matcher of each expression covers every webhook entry the chart can render.
        foreach (var name in names)
        {
            Assert.Matches("^(validate|audit|mutate)[.]pinned[.]dev$", name);
        }

        Assert.All(apiServerAlerts, a => Assert.Contains("name=~\"(validate|audit|mutate)[.]pinned[.]dev\"", (string)a.Value["expr"]!, StringComparison.Ordinal));
        // Pinned's own series: this release's, as its ServiceMonitor labels them.
        Assert.All(alerts.Values.Except(apiServerAlerts.Select(a => a.Value)), a => Assert.Contains("{job=\"pinned\", namespace=\"pinned-system\"", (string)a["expr"]!, StringComparison.Ordinal));
        Assert.All(alerts.Values, a => Assert.Equal("10m", (string?)a["for"]));
        Assert.Equal("prometheus", rule.Labels["release"]);
        Assert.Equal("prometheus", manifest.Single("ServiceMonitor").Labels["release"]);
        Assert.Equal("15s", (string?)manifest.Single("ServiceMonitor")["spec.endpoints[0].interval"]);
    }

    [Fact]
    public async Task Network_policy_admits_only_the_listed_peers_on_the_webhook_port()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/networkpolicy-values.yaml");
        var policy = manifest.Single("NetworkPolicy");

        Assert.True(JsonNode.DeepEquals(manifest.Single("Deployment")["spec.selector.matchLabels"], policy["spec.podSelector.matchLabels"]));
        Assert.Equal(["Ingress"], policy["spec.policyTypes"]!.AsArray().Select(t => (string?)t));
        var ingress = Assert.Single(policy["spec.ingress"]!.AsArray());
        Assert.Equal("https", (string?)KubeObject.Get(ingress, "ports[0].port"));
        Assert.Equal("10.0.0.0/24", (string?)KubeObject.Get(ingress, "from[0].ipBlock.cidr"));
        Assert.Equal(2, ingress!["from"]!.AsArray().Count);
    }
}
