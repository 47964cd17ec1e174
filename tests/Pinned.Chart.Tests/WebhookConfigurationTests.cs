using Pinned.Chart.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Chart.Tests;

public sealed class WebhookConfigurationTests
{
    /// <summary>Resource names, in the webhook rules, of every kind the engine judges (SPEC.md §2).</summary>
    private static readonly Dictionary<string, string> ResourceOfKind = new(StringComparer.Ordinal)
    {
        ["Pod"] = "pods",
        ["Deployment"] = "deployments",
        ["ReplicaSet"] = "replicasets",
        ["StatefulSet"] = "statefulsets",
        ["DaemonSet"] = "daemonsets",
        ["ReplicationController"] = "replicationcontrollers",
        ["Job"] = "jobs",
        ["CronJob"] = "cronjobs",
        ["PodTemplate"] = "podtemplates",
    };

    public static TheoryData<string> ValueSetNames => [.. ValueSets.All];

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Every_entry_excludes_the_release_namespace_kube_system_and_the_admin_lists(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        var values = ValueSets.Values(valueSet);
        string[] mustExclude =
        [
            ChartRenderer.Namespace, "kube-system",
            .. values["policy"]!["exemptNamespaces"]!.AsArray().Select(n => (string)n!),
            .. values["webhook"]!["excludeNamespaces"]!.AsArray().Select(n => (string)n!),
        ];

        // With admission.engine vap the policies' bindings exclude them instead of webhook entries.
        var entries = WebhookEntry.All(manifest);
        var bindings = manifest.OfKind("ValidatingAdmissionPolicyBinding").ToList();
        Assert.True(entries.Count > 0 || bindings.Count > 0, "neither webhook entries nor policy bindings");
        foreach (var entry in entries)
        {
            Assert.Superset(mustExclude.ToHashSet(), entry.NamespaceNames("NotIn").ToHashSet());
        }

        foreach (var binding in bindings)
        {
            var names = binding["spec.matchResources.namespaceSelector.matchExpressions[0].values"]!.AsArray().Select(n => (string)n!);
            Assert.Superset(mustExclude.ToHashSet(), names.ToHashSet());
        }
    }

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Every_entry_sees_pods_ephemeral_containers_and_every_workload_kind_on_create_and_update(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        string[] resources = ["pods/ephemeralcontainers", .. WorkloadKinds.All.Select(k => ResourceOfKind[k])];

        foreach (var entry in WebhookEntry.All(manifest))
        {
            var matches = entry.Matches();
            foreach (var resource in resources)
            {
                Assert.Contains((resource, "CREATE"), matches);
                Assert.Contains((resource, "UPDATE"), matches);
            }

            Assert.DoesNotContain(matches, m => m.Operation is "DELETE" or "CONNECT" or "*");
        }
    }

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Every_entry_has_the_fixed_contract_and_points_at_the_service(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        var values = ValueSets.Values(valueSet);
        var service = manifest.Single("Service");

        foreach (var entry in WebhookEntry.All(manifest))
        {
            Assert.Equal(["v1"], entry.Node["admissionReviewVersions"]!.AsArray().Select(v => (string?)v));
            Assert.Equal("None", (string?)entry.Node["sideEffects"]);
            Assert.Equal("Equivalent", (string?)entry.Node["matchPolicy"]);
            Assert.Equal((int)values["webhook"]!["timeoutSeconds"]!, (int)entry.Node["timeoutSeconds"]!);
            Assert.Equal(service.Name, (string?)KubeObject.Get(entry.Node, "clientConfig.service.name"));
            Assert.Equal(ChartRenderer.Namespace, (string?)KubeObject.Get(entry.Node, "clientConfig.service.namespace"));
            Assert.Equal((int)service["spec.ports[0].port"]!, (int)KubeObject.Get(entry.Node, "clientConfig.service.port")!);
            Assert.Null(KubeObject.Get(entry.Node, "clientConfig.url"));
        }
    }

    [Fact]
    public async Task Defaults_fail_closed_within_five_seconds_on_one_validate_entry()
    {
        var manifest = await ChartRenderer.RenderAsync();

        var entry = Assert.Single(WebhookEntry.All(manifest));
        Assert.Equal("ValidatingWebhookConfiguration", entry.Configuration.Kind);
        Assert.Equal("Fail", entry.FailurePolicy);
        Assert.Equal(5, (int)entry.Node["timeoutSeconds"]!);
        Assert.Equal("/validate", entry.Path);
        Assert.Equal(["pinned-system", "kube-system"], entry.NamespaceNames("NotIn"));
        Assert.Empty(manifest.OfKind("MutatingWebhookConfiguration"));
    }

    [Fact]
    public async Task Fail_open_value_set_uses_Ignore()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/fail-open-values.yaml");

        Assert.All(WebhookEntry.All(manifest), e => Assert.Equal("Ignore", e.FailurePolicy));
        Assert.Equal(3, (int)WebhookEntry.All(manifest)[0].Node["timeoutSeconds"]!);
    }

    [Fact]
    public async Task Audit_namespaces_get_their_own_entry_on_the_audit_path_and_leave_the_main_one()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/audit-namespaces-values.yaml");
        var entries = WebhookEntry.In(manifest, "ValidatingWebhookConfiguration");

        Assert.Equal(["validate.pinned.dev", "audit.pinned.dev"], entries.Select(e => e.Name));
        var (main, audit) = (entries[0], entries[1]);
        Assert.Equal("/validate", main.Path);
        Assert.Equal("/validate/audit", audit.Path);
        // kube-system was listed too, but stays excluded everywhere and gets no audit entry.
        Assert.Equal(["team-a", "team-b"], audit.NamespaceNames("In"));
        Assert.Contains("kube-system", audit.NamespaceNames("NotIn"));
        Assert.Contains("team-a", main.NamespaceNames("NotIn"));
        Assert.Contains("team-b", main.NamespaceNames("NotIn"));
        Assert.Empty(main.NamespaceNames("In"));
        Assert.Equal(main.FailurePolicy, audit.FailurePolicy);
    }

    [Fact]
    public async Task Mutating_configuration_exists_only_with_mutation_enabled_and_never_blocks()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/mutation-values.yaml");

        var entry = Assert.Single(WebhookEntry.In(manifest, "MutatingWebhookConfiguration"));
        Assert.Equal("/mutate", entry.Path);
        Assert.Equal("IfNeeded", (string?)entry.Node["reinvocationPolicy"]);
        Assert.Equal("Ignore", entry.FailurePolicy);
        Assert.Single(WebhookEntry.In(manifest, "ValidatingWebhookConfiguration"));
        Assert.Equal(["post-install"], entry.Configuration.HookEvents);
    }

    [Fact]
    public async Task Admin_selectors_are_merged_with_the_mandatory_exclusions()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/exclusions-values.yaml");
        var entry = Assert.Single(WebhookEntry.All(manifest));
        var expressions = KubeObject.Get(entry.Node, "namespaceSelector.matchExpressions")!.AsArray();

        Assert.Contains(expressions, e => (string?)e!["key"] == "platform.example.com/tier" && (string?)e["operator"] == "NotIn");
        Assert.Equal(["pinned-system", "kube-system", "gpu-operator", "kube-public", "cert-manager"], entry.NamespaceNames("NotIn"));
        Assert.Equal("legacy-operator", (string?)KubeObject.Get(entry.Node, "objectSelector.matchExpressions[0].values[0]"));
        Assert.Null(entry.Node["matchConditions"]);
    }

    [Fact]
    public async Task Unchanged_updates_skip_the_call_with_a_match_condition_by_default()
    {
        var manifest = await ChartRenderer.RenderAsync();
        var entry = Assert.Single(WebhookEntry.All(manifest));

        var condition = Assert.Single(entry.Node["matchConditions"]!.AsArray());
        var expression = (string)condition!["expression"]!;
        Assert.StartsWith("request.operation != 'UPDATE' ||", expression, StringComparison.Ordinal);
        Assert.Contains("object.spec != oldObject.spec", expression, StringComparison.Ordinal);
        Assert.Contains("object.spec.jobTemplate != oldObject.spec.jobTemplate", expression, StringComparison.Ordinal);
        Assert.Contains("has(object.spec.template)", expression, StringComparison.Ordinal);
    }

    /// <summary>
    /// On install a post-install hook after the wait Job; carrying the release's ownership from the
    /// start, so that on upgrade (where the chart renders it as a release resource) Helm adopts and
    /// patches it instead of deleting and recreating it. The upgrade itself is tested under real
    /// Helm in tests/Pinned.Cluster.Tests/Chart.
    /// </summary>
    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Configurations_are_created_on_install_only_after_the_wait_job_and_owned_by_the_release(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        var wait = manifest.Single("Job", ChartNames.Fullname(valueSet) + "-wait");

        foreach (var configuration in WebhookEntry.All(manifest).Select(e => e.Configuration).Distinct())
        {
            Assert.Equal(["post-install"], configuration.HookEvents);
            Assert.Contains("post-install", wait.HookEvents);
            Assert.True(configuration.HookWeight > wait.HookWeight, $"{configuration} must come after {wait}");
            Assert.False(configuration.Annotations.ContainsKey("helm.sh/hook-delete-policy"));
            Assert.Equal("keep", configuration.Annotations["helm.sh/resource-policy"]);
            Assert.Equal(ChartRenderer.Release, configuration.Annotations["meta.helm.sh/release-name"]);
            Assert.Equal(ChartRenderer.Namespace, configuration.Annotations["meta.helm.sh/release-namespace"]);
            Assert.Equal("Helm", configuration.Labels["app.kubernetes.io/managed-by"]);
        }
    }
}
