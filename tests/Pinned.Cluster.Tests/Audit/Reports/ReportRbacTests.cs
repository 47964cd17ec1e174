using System.Security.Cryptography.X509Certificates;
using k8s;
using Microsoft.Extensions.Logging.Testing;
using Pinned.Audit.Reports;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit.Reports;

/// <summary>
/// The publisher under RBAC with exactly the verbs docs/audit.md gives the chart's ClusterRole:
/// get, list, create, update and delete on policyreports.wgpolicyk8s.io, and nothing else.
/// </summary>
[Collection(RbacAuditCluster.Name)]
public sealed class ReportRbacTests(RbacApiServer server)
{
    [Fact]
    public async Task A_token_with_get_list_create_update_delete_on_policyreports_writes_replaces_and_removes_reports()
    {
        server.Require();
        await ReportCrds.InstallAsync(server);
        var shop = await ReportAudit.FailingNamespaceAsync(server, "rbac-shop");
        var fixing = await ReportAudit.FailingNamespaceAsync(server, "rbac-fixing");
        var taken = await ReportAudit.FailingNamespaceAsync(server, "rbac-taken");
        await server.ApplyAsync(ReportAudit.ForeignReport(taken, "pinned", null));
        using var client = await ReporterClientAsync(shop);
        var logger = new FakeLogger<PolicyReportPublisher>();
        var publisher = new PolicyReportPublisher(client, logger);

        await publisher.PublishAsync(await ReportAudit.RunAsync(server, null, shop, fixing, taken), TestContext.Current.CancellationToken);
        using var admin = server.AdminClient();
        var first = await PublishedReports.RequireAsync(admin, shop);
        Assert.NotNull(await PublishedReports.GetAsync(admin, fixing));
        await server.KubectlOkAsync("-n", fixing, "delete", "deployment/batch");
        await publisher.PublishAsync(await ReportAudit.RunAsync(server, null, shop, fixing, taken), TestContext.Current.CancellationToken);

        // The report named pinned in `taken` is someone else's: the create's 409 is followed by a get, not a failure.
        Assert.Equal([
            $"ReportNotOurs {taken}", "ReportsPublished PolicyReports: 2 written, 0 deleted, 1 failed",
            $"ReportNotOurs {taken}", "ReportsPublished PolicyReports: 1 written, 1 deleted, 1 failed"],
            logger.Collector.GetSnapshot().Select(r => r.Id.Name == "ReportNotOurs" ? $"{r.Id.Name} {r.GetStructuredStateValue("Namespace")}" : $"{r.Id.Name} {r.Message}"));
        Assert.Equal(PublishedReports.Metadata(first, "uid"), PublishedReports.Metadata(await PublishedReports.RequireAsync(admin, shop), "uid"));
        Assert.Null(await PublishedReports.GetAsync(admin, fixing));
    }

    private async Task<Kubernetes> ReporterClientAsync(string ns)
    {
        await server.ApplyAsync($$"""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: reporter, namespace: {{ns}}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: {{ns}}-reporter}
            rules:
            - apiGroups: [wgpolicyk8s.io]
              resources: [policyreports]
              verbs: [get, list, create, update, delete]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: {{ns}}-reporter}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {{ns}}-reporter}
            subjects: [{kind: ServiceAccount, name: reporter, namespace: {{ns}}}]
            """);
        var token = (await server.KubectlOkAsync("-n", ns, "create", "token", "reporter")).Trim();
        return new Kubernetes(new KubernetesClientConfiguration
        {
            Host = server.Url.ToString(),
            AccessToken = token,
            SslCaCerts = [X509CertificateLoader.LoadCertificateFromFile(server.CaFile)],
        });
    }
}
