using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Monitoring;
using Pinned.Cluster.Tests.Chart;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit.Background;

/// <summary>
/// The chart dashboard's audit panels against a real Prometheus scraping a `pinned serve` that
/// audits the real API server (tests/Pinned.Chart.Tests/Monitoring checks the other panels, with
/// no cluster): every query reading a pinned_audit_* metric returns data, and the findings by
/// namespace name the audited namespace under exported_namespace, as a ServiceMonitor's target
/// label `namespace` makes Prometheus rename the metric's own.
/// </summary>
[Collection(AuditCluster.Name)]
public sealed class AuditDashboardTests(PlainApiServer server)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Every_audit_panel_returns_data_from_a_real_scrape_of_an_auditing_replica()
    {
        server.Require();
        var dashboard = Dashboard.Parse(DashboardJson());
        var scenario = await AuditScenario.SharedAsync(server);
        var directory = Directory.CreateTempSubdirectory("pinned-audit-dashboard-");
        try
        {
            var policy = Path.Combine(directory.FullName, "policy.yaml");
            await File.WriteAllTextAsync(policy, $"exemptNamespaces: [{scenario.Tools}]\naudit: {{enabled: true, interval: 2s, jitter: 0}}\n",
                TestContext.Current.CancellationToken);
            var leaseNamespace = await server.CreateNamespaceAsync("pinned");
            await using var serve = ServeProcess.StartAuditing(server.KubeconfigPath, policy, leaseNamespace, "audit", "pinned-0");
            await serve.WaitReadyAsync(Budget);
            await using var prometheus = await PrometheusServer.StartAsync(directory.FullName, serve.BaseAddress, "pinned", caFile: null, "localhost",
                ruleFile: null, new Dictionary<string, string> { ["namespace"] = "pinned-system", ["service"] = "pinned" });

            var audit = dashboard.Queries.Where(q => q.Expression.Contains("pinned_audit_", StringComparison.Ordinal)).ToArray();
            Assert.True(audit.Length >= 8, $"only {audit.Length} audit queries");
            var empty = audit.Select(q => q.Expression).ToList();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            deadline.CancelAfter(Budget);
            while (empty.Count > 0 && !deadline.IsCancellationRequested)
            {
                foreach (var expression in empty.ToArray())
                {
                    if ((await prometheus.QueryAsync(Dashboard.Resolve(expression))).Count > 0)
                    {
                        empty.Remove(expression);
                    }
                }

                await Task.Delay(500, CancellationToken.None);
            }

            Assert.True(empty.Count == 0, $"no data within {Budget.TotalSeconds:0} s for {string.Join("; ", empty)}\nprometheus:\n{prometheus.Log}\nserve:\n{serve.Output}");
            var byNamespace = audit.Single(q => q.Panel == "Audit findings by namespace").Expression;
            var namespaces = (await prometheus.QueryAsync(Dashboard.Resolve(byNamespace))).Select(s => (string?)s!["metric"]!["exported_namespace"]).ToArray();
            Assert.Contains(scenario.Shop, namespaces);
            Assert.DoesNotContain(scenario.Tools, namespaces);
            var leader = await prometheus.QueryAsync(Dashboard.Resolve(audit.Single(q => q.Panel == "Audit leader").Expression));
            Assert.Equal("1", (string?)Assert.Single(leader)!["value"]![1]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The dashboard JSON of the chart's template, read as text: it holds no template action (the
    /// chart tests parse the rendered ConfigMap and check it is the same dashboard).
    /// </summary>
    private static string DashboardJson()
    {
        var lines = File.ReadAllLines(Path.Combine(Helm.ChartDirectory, "templates", "grafana-dashboard.yaml"));
        var start = Array.FindIndex(lines, l => l.Trim() == "pinned.json: |-") + 1;
        var end = Array.FindLastIndex(lines, l => l.StartsWith("{{- end", StringComparison.Ordinal));
        Assert.True(start > 0 && end > start, "grafana-dashboard.yaml: no `pinned.json: |-` block");
        return string.Join('\n', lines[start..end].Select(l => l.Length >= 4 ? l[4..] : l));
    }
}
