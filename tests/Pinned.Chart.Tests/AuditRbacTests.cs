using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Chart.Tests;

/// <summary>
/// What the background audit may do in the cluster: read the workload kinds of SPEC.md §2 and
/// nothing else, hold its own Lease, and write PolicyReports only when reports are on.
/// </summary>
public sealed class AuditRbacTests
{
    private static readonly string[] ReadVerbs = ["get", "list", "watch"];
    private static readonly string[] ReportVerbs = ["create", "delete", "get", "list", "update"];

    [Fact]
    public async Task The_ClusterRole_grants_exactly_get_list_watch_on_the_workload_kinds()
    {
        var manifest = await ChartRenderer.RenderAsync();
        var role = Audit(manifest, "ClusterRole");

        var granted = Grants(role).Order(StringComparer.Ordinal);
        var kinds = WorkloadKinds.All
            .Select(kind => WorkloadKinds.Resource(kind)!.Value)
            .SelectMany(r => ReadVerbs.Select(verb => $"{r.Group}/{r.Plural}:{verb}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(kinds, granted);
        Assert.DoesNotContain(Grants(role), g => g.Contains("secrets", StringComparison.Ordinal) || g.Contains('*'));
        var binding = Audit(manifest, "ClusterRoleBinding");
        Assert.Equal(role.Name, (string?)binding["roleRef.name"]);
        Assert.Equal(ChartNames.Fullname(ValueSets.Defaults), (string?)binding["subjects[0].name"]);
    }

    [Fact]
    public async Task The_Lease_Role_lives_in_the_release_namespace_and_renews_only_the_release_Lease()
    {
        var manifest = await ChartRenderer.RenderAsync();
        var role = Audit(manifest, "Role");
        var lease = (string?)manifest.Single("Deployment")["spec.template.spec.containers[0].env"]!.AsArray()
            .Single(e => (string?)e!["name"] == "PINNED_AUDIT_LEASE")!["value"];

        Assert.Equal(ChartRenderer.Namespace, (string?)role["metadata.namespace"]);
        Assert.Equal([$"coordination.k8s.io/leases/{lease}:get", $"coordination.k8s.io/leases/{lease}:update", "coordination.k8s.io/leases:create"],
            Grants(role).Order(StringComparer.Ordinal));
        Assert.Equal(role.Name, (string?)Audit(manifest, "RoleBinding")["roleRef.name"]);
    }

    [Fact]
    public async Task Reports_add_the_PolicyReport_verbs_and_nothing_else()
    {
        var without = Grants(Audit(await ChartRenderer.RenderAsync(), "ClusterRole")).ToHashSet();
        var with = Grants(Audit(await ChartRenderer.RenderAsync("ci/audit-reports-values.yaml"), "ClusterRole")).ToHashSet();

        var added = with.Except(without).Order(StringComparer.Ordinal);
        Assert.Equal(ReportVerbs.Select(v => $"wgpolicyk8s.io/policyreports:{v}"), added);
        Assert.Empty(without.Except(with));
    }

    [Fact]
    public async Task Without_the_audit_there_is_no_role_no_binding_and_no_token()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/no-audit-values.yaml");

        Assert.DoesNotContain(manifest.Objects, o => o.HookEvents.Count == 0 && o.Kind is "ClusterRole" or "ClusterRoleBinding" or "Role" or "RoleBinding");
        Assert.False((bool)manifest.Single("Deployment")["spec.template.spec.automountServiceAccountToken"]!);
    }

    /// <summary>The audit's object of a kind: the hook Jobs' own accounts (helm.sh/hook) are not the audit's.</summary>
    private static KubeObject Audit(Manifest manifest, string kind) =>
        Assert.Single(manifest.OfKind(kind), o => o.HookEvents.Count == 0);

    /// <summary>"group/resource[/name]:verb" for every rule of a Role or ClusterRole.</summary>
    private static IEnumerable<string> Grants(KubeObject role) =>
        from rule in role["rules"]!.AsArray()
        from apiGroup in Strings(rule!["apiGroups"])
        from resource in Strings(rule["resources"])
        from name in rule["resourceNames"] is null ? [null] : Strings(rule["resourceNames"]).Cast<string?>()
        from verb in Strings(rule["verbs"])
        select name is null ? $"{apiGroup}/{resource}:{verb}" : $"{apiGroup}/{resource}/{name}:{verb}";

    private static IEnumerable<string> Strings(JsonNode? list) => list?.AsArray().Select(n => (string)n!) ?? [];
}
