using System.Text.Json.Nodes;

namespace Pinned.Chart.Tests.Monitoring;

/// <summary>
/// The chart's dashboard and alerts against a real Prometheus scraping a real `pinned serve`
/// (<see cref="MonitoredServe"/>), and the list of exported metrics against the dashboard and
/// docs/metrics.md.
/// </summary>
public sealed class MonitoringTests(MonitoredServe monitored) : IClassFixture<MonitoredServe>
{
    [Fact]
    public async Task Every_panel_query_is_accepted_and_returns_data_except_the_audit_rounds_without_a_cluster()
    {
        var afterFirstRound = AuditRoundMetrics();
        var queries = monitored.Dashboard.Queries;
        Assert.True(queries.Count >= 20, $"only {queries.Count} queries: is the dashboard parsed?");
        var histograms = Histograms();
        var needData = queries.Where(q => !Dashboard.Metrics(histograms, q.Expression).All(afterFirstRound.Contains)).ToArray();
        Assert.True(queries.Count - needData.Length <= 6, "only the audit-round panels may go without data");

        var empty = needData.Select(q => q.Expression).ToList();
        await monitored.WaitForAsync(async () =>
        {
            foreach (var expression in empty.ToArray())
            {
                if ((await monitored.Prometheus.QueryAsync(Dashboard.Resolve(expression))).Count > 0)
                {
                    empty.Remove(expression);
                }
            }

            return empty.Count == 0;
        }, () => "data for " + string.Join("; ", empty));

        // The audit-round panels are accepted too (QueryAsync throws on a refused query).
        foreach (var (_, expression) in queries.Except(needData))
        {
            await monitored.Prometheus.QueryAsync(Dashboard.Resolve(expression));
        }
    }

    [Fact]
    public async Task Every_rule_evaluates_and_the_certificate_and_audit_alerts_fire_on_their_conditions()
    {
        await monitored.WaitForAsync(async () => Firing(await monitored.Prometheus.AlertsAsync()).IsSupersetOf(["PinnedCertificateExpiresSoon", "PinnedAuditStale"]),
            () => "firing PinnedCertificateExpiresSoon and PinnedAuditStale");

        var alerts = await monitored.Prometheus.AlertsAsync();
        var certificate = alerts.Single(a => (string?)a!["labels"]!["alertname"] == "PinnedCertificateExpiresSoon")!;
        Assert.Equal("pinned", (string?)certificate["labels"]!["job"]);
        Assert.Equal("pinned-system", (string?)certificate["labels"]!["namespace"]);
        Assert.Equal(monitored.Served.BaseAddress.Authority, (string?)certificate["labels"]!["instance"]);
        Assert.Matches(@"expires in 2d 2\dh", (string)certificate["annotations"]!["description"]!);
        Assert.Equal(["PinnedAuditStale", "PinnedCertificateExpiresSoon"], Firing(alerts).Order(StringComparer.Ordinal));

        var rules = (await monitored.Prometheus.RuleGroupsAsync()).SelectMany(g => g!["rules"]!.AsArray()).ToArray();
        var rendered = monitored.Manifest.Single("PrometheusRule")["spec.groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).ToArray();
        Assert.Equal(rendered.Length, rules.Length);
        Assert.All(rules, r => Assert.True((string?)r!["health"] == "ok", r!.ToJsonString()));
    }

    [Fact]
    public void Every_exported_metric_is_documented_and_every_dashboard_metric_is_exported()
    {
        var exported = Families(monitored.Scrape, null);
        var histograms = Histograms();
        var rows = MetricsDoc.Rows();
        var documented = rows.Select(r => r.Metric).ToHashSet(StringComparer.Ordinal);
        var onDashboard = monitored.Dashboard.Metrics(histograms);
        var afterFirstRound = AuditRoundMetrics();
        Assert.True(exported.Count > 30, $"only {exported.Count} families in the scrape");
        Assert.Equal(5, afterFirstRound.Count);

        Assert.Empty(exported.Except(documented));
        Assert.Empty(onDashboard.Except(exported).Except(afterFirstRound));
        Assert.Empty(afterFirstRound.Intersect(exported));
        Assert.Empty(onDashboard.Except(documented));
        var titles = monitored.Dashboard.PanelTitles;
        foreach (var row in rows)
        {
            if (row.Panel == MetricsDoc.NotShown)
            {
                Assert.False(onDashboard.Contains(row.Metric), $"{row.Metric} is on the dashboard but docs/metrics.md says {MetricsDoc.NotShown}");
            }
            else
            {
                Assert.Contains(row.Panel, titles);
                Assert.Contains(monitored.Dashboard.Queries, q => q.Panel == row.Panel && Dashboard.Metrics(histograms, q.Expression).Contains(row.Metric));
            }
        }
    }

    /// <summary>The families of a scrape (its # TYPE lines), of one type or all.</summary>
    private static IReadOnlySet<string> Families(string scrape, string? type) =>
        scrape.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' '))
            .Where(f => type is null || f[3] == type).Select(f => f[2]).ToHashSet(StringComparer.Ordinal);

    /// <summary>Histogram families: the scrape's, and the documented ones a scrape without a cluster lacks.</summary>
    private IReadOnlySet<string> Histograms() =>
        Families(monitored.Scrape, "histogram").Union(MetricsDoc.Rows().Where(r => r.Type == "histogram").Select(r => r.Metric)).ToHashSet(StringComparer.Ordinal);

    private static IReadOnlySet<string> AuditRoundMetrics() =>
        MetricsDoc.Rows().Where(r => r.What.Contains(MetricsDoc.AfterFirstRound, StringComparison.Ordinal)).Select(r => r.Metric).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Firing(JsonArray alerts) =>
        alerts.Where(a => (string?)a!["state"] == "firing").Select(a => (string)a!["labels"]!["alertname"]!).ToHashSet(StringComparer.Ordinal);
}
