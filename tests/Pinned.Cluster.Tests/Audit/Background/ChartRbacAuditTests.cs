using k8s;
using k8s.Models;
using Pinned.Cluster.Tests.Chart;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit.Background;

/// <summary>
/// The background audit with nothing but the chart's RBAC (`helm template`, the ServiceAccount,
/// ClusterRole, Role and their bindings applied to an API server with RBAC on): it wins its
/// Lease and audits every kind, none of them forbidden.
/// </summary>
[Collection(RbacAuditCluster.Name)]
public sealed class ChartRbacAuditTests(RbacApiServer server)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_charts_ClusterRole_and_Lease_Role_are_all_the_background_audit_needs()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var ns = await server.CreateNamespaceAsync("release");
        var release = "r" + ns[^8..];
        var rendered = await new Helm(HelmBinary.Majors.First().Data, server).TemplateAsync(release, ns, []);
        var objects = KubernetesYaml.LoadAllFromString(rendered).OfType<IKubernetesObject<V1ObjectMeta>>()
            .Where(o => o.Metadata.Annotations?.ContainsKey("helm.sh/hook") != true)
            .ToList();
        var rbac = objects.Where(o => o is V1ServiceAccount or V1ClusterRole or V1ClusterRoleBinding or V1Role or V1RoleBinding).ToList();
        Assert.Equal(5, rbac.Count);
        await server.ApplyAsync(string.Join("\n---\n", rbac.Select(o => KubernetesYaml.Serialize(o))), "-n", ns);
        var deployment = objects.OfType<V1Deployment>().Single();
        var lease = deployment.Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == "PINNED_AUDIT_LEASE").Value;
        var kubeconfig = await TokenKubeconfig.WriteAsync(server, ns, deployment.Spec.Template.Spec.ServiceAccountName);

        var policy = Path.Combine(server.RunDirectory, $"{release}-policy.yaml");
        await File.WriteAllTextAsync(policy, $"exemptNamespaces: [{scenario.Tools}]\naudit: {{enabled: true, interval: 2s, jitter: 0}}\n",
            TestContext.Current.CancellationToken);
        await using var serve = ServeProcess.StartAuditing(kubeconfig, policy, ns, lease, "pinned-0");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Budget);
        PrometheusText? metrics = null;
        while (!deadline.IsCancellationRequested && !serve.HasExited)
        {
            metrics = await serve.ScrapeAsync() ?? metrics;
            if (metrics is not null && metrics.Sum("pinned_audit_rounds_total") >= 1)
            {
                break;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.True(metrics is not null && metrics.Sum("pinned_audit_rounds_total") >= 1, $"no round within {Budget.TotalSeconds:0} s\n{serve.Output}");
        Assert.Equal(1, metrics.Sum("pinned_audit_leader"));
        Assert.True(metrics.Sum("pinned_audit_rounds_total", ("outcome", "success")) >= 1, serve.Output);
        Assert.Equal(0, metrics.Sum("pinned_audit_rounds_total", ("outcome", "partial")) + metrics.Sum("pinned_audit_rounds_total", ("outcome", "failed")));
        Assert.True(metrics.Sum("pinned_audit_findings", ("namespace", scenario.Shop)) > 0);
        Assert.DoesNotContain("forbidden", serve.Output, StringComparison.OrdinalIgnoreCase);
    }
}
