using Pinned.Audit;
using Pinned.Cluster.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>The audit's core (reader, analyzer, report) against a real API server, in process.</summary>
[Collection(AuditCluster.Name)]
public sealed class ClusterAuditTests(PlainApiServer server)
{
    [Fact]
    public async Task Audit_reports_findings_on_owners_with_pod_counts_what_pods_add_drift_and_pins()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var report = await AuditAsync(scenario, scenario.Shop);

        Assert.Equal(scenario.ExpectedResults(), report.Results.Select(AuditRendering.Line));
        Assert.Equal(AuditScenario.ExpectedPins(), report.Pins.Select(p => $"{p.Image} -> {p.Pinned}"));
        Assert.Empty(report.Unread);
        Assert.Equal(new AuditSummary(Objects: 21, Pods: 11, Results: 9, Denied: 7, Violations: 8, Drift: 2, Exempt: 0, Unread: 0), report.Summary);
        Assert.Equal(1, report.ExitCode(failOnDrift: false));
    }

    [Fact]
    public async Task An_exempt_namespace_is_listed_as_exempt_and_not_judged()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var report = await AuditAsync(scenario, scenario.Tools);

        Assert.Empty(report.Results);
        Assert.Equal([new ExemptNamespace(scenario.Tools, 1)], report.Exempt);
        Assert.Equal(0, report.ExitCode(failOnDrift: true));
    }

    private async Task<AuditReport> AuditAsync(AuditScenario scenario, string? ns)
    {
        using var api = ClusterConnection.Open(server.KubeconfigPath, null, new Dictionary<string, string?>());
        var audit = new ClusterAudit(api, new PolicyEvaluator(PolicyLoader.Load(scenario.PolicyFile)));
        return await audit.RunAsync(ns, cancellationToken: TestContext.Current.CancellationToken);
    }
}
