using System.Text.Json;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit;

[CollectionDefinition(Name)]
public sealed class RbacAuditCluster : ICollectionFixture<RbacApiServer>
{
    public const string Name = "audit-rbac";
}

/// <summary>`pinned audit` with a ServiceAccount token under RBAC: what it may not list is named, the rest is audited.</summary>
[Collection(RbacAuditCluster.Name)]
public sealed class RbacAuditTests(RbacApiServer server)
{
    [Fact]
    public async Task A_token_that_may_not_list_CronJobs_gets_exit_2_naming_them_and_the_rest_audited()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var kubeconfig = await AuditorKubeconfigAsync(scenario.Tools, listCronJobs: false);

        var result = await PinnedCli.RunAsync(["audit", "--kubeconfig", kubeconfig, "--config", scenario.PolicyFile, "-A", "-o", "json"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("pinned audit: not audited: CronJob (cronjobs.batch): forbidden: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("cannot list resource \"cronjobs\" in API group \"batch\"", result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["CronJob"], json.RootElement.GetProperty("unread").EnumerateArray().Select(u => u.GetProperty("kind").GetString()));
        var lines = AuditJson.Lines(json.RootElement, scenario.Shop);
        var expected = scenario.ExpectedResults();
        Assert.Equal(expected.Where(l => !l.Contains("/CronJob/", StringComparison.Ordinal)), lines.Where(l => !l.Contains("/Job/", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith($"{scenario.Shop}/Job/nightly-29000000 owner={scenario.Shop}/CronJob/nightly pods=1 deny", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_token_with_list_on_every_kind_audits_everything()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var kubeconfig = await AuditorKubeconfigAsync(scenario.Tools, listCronJobs: true);

        var result = await PinnedCli.RunAsync(["audit", "--kubeconfig", kubeconfig, "--config", scenario.PolicyFile, "-n", scenario.Shop, "-o", "json"]);

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(scenario.ExpectedResults(), AuditJson.Lines(json.RootElement, scenario.Shop));
    }

    /// <summary>A ServiceAccount bound to get/list on the kinds of SPEC §2 (CronJobs only when asked), and a kubeconfig with its token.</summary>
    private async Task<string> AuditorKubeconfigAsync(string ns, bool listCronJobs)
    {
        var name = listCronJobs ? "auditor-all" : "auditor-no-cronjobs";
        var cronJobs = listCronJobs ? "\n  - cronjobs" : string.Empty;
        await server.ApplyAsync($$"""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: {{name}}, namespace: {{ns}}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: {{name}}}
            rules:
            - apiGroups: [""]
              resources: [pods, replicationcontrollers, podtemplates]
              verbs: [get, list]
            - apiGroups: [apps]
              resources: [deployments, replicasets, statefulsets, daemonsets]
              verbs: [get, list]
            - apiGroups: [batch]
              resources:
              - jobs{{cronJobs}}
              verbs: [get, list]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: {{name}}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {{name}}}
            subjects: [{kind: ServiceAccount, name: {{name}}, namespace: {{ns}}}]
            """);
        return await TokenKubeconfig.WriteAsync(server, ns, name);
    }
}
