using k8s.Models;
using Pinned.Audit;
using Pinned.Cluster.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Cluster.Tests.Audit.Reports;

/// <summary>Real audits of the test's own namespaces, and the objects the report tests put there.</summary>
internal static class ReportAudit
{
    /// <summary>An audit of the whole cluster (as the background audit runs it), narrowed to <paramref name="namespaces"/>: the other tests' namespaces are theirs.</summary>
    public static async Task<AuditReport> RunAsync(KubeApiServer server, string? policyFile, params string[] namespaces)
    {
        using var api = ClusterConnection.Open(server.KubeconfigPath, null, new Dictionary<string, string?>());
        var report = await new ClusterAudit(api, new PolicyEvaluator(PolicyLoader.Load(policyFile)))
            .RunAsync(null, cancellationToken: TestContext.Current.CancellationToken);
        return report with { Results = [.. report.Results.Where(r => namespaces.Contains(r.Object.Namespace, StringComparer.Ordinal))] };
    }

    /// <summary>A namespace holding one Deployment whose image has no digest (one failure).</summary>
    public static async Task<string> FailingNamespaceAsync(KubeApiServer server, string prefix, string deployment = "batch")
    {
        var ns = await server.CreateNamespaceAsync(prefix);
        using var client = server.AdminClient();
        await new ClusterObjects(client, ns).DeploymentAsync(deployment, ClusterObjects.Spec("redis:7"));
        return ns;
    }

    public static string FailingLine(string deployment = "batch") =>
        $"fail high image-digest apps/v1 Deployment/{deployment} image=redis:7 path=spec.template.spec.containers[0].image pods=0";

    /// <summary>A PolicyReport of someone else's, as Kyverno would leave one.</summary>
    public static string ForeignReport(string ns, string name, string? managedBy) => $$"""
        apiVersion: wgpolicyk8s.io/v1alpha2
        kind: PolicyReport
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels: {{(managedBy is null ? "{}" : $"{{app.kubernetes.io/managed-by: {managedBy}}}")}}
        results:
        - {policy: require-labels, rule: check-team, result: pass}
        summary: {pass: 1, fail: 0, warn: 0, error: 0, skip: 0}
        """;

    public static V1PodSpec WideSpec(int containers) => new()
    {
        Containers = [.. Enumerable.Range(0, containers).Select(i => new V1Container { Name = $"c{i}", Image = "nginx" })],
    };
}
