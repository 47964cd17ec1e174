using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Chart.Tests;

/// <summary>deploy/ (kustomize, for clusters without Helm) must ship what the chart ships.</summary>
public sealed class KustomizeTests
{
    public static TheoryData<string> Overlays => ["overlays/audit", "overlays/enforce"];

    [Theory, MemberData(nameof(Overlays))]
    public async Task Webhook_excludes_its_namespace_and_kube_system_and_fails_closed(string overlay)
    {
        var manifest = await KustomizeRenderer.RenderAsync(overlay);

        var entry = Assert.Single(WebhookEntry.All(manifest));
        Assert.Equal(["pinned-system", "kube-system"], entry.NamespaceNames("NotIn"));
        Assert.Equal("Fail", entry.FailurePolicy);
        Assert.Equal("/validate", entry.Path);
        Assert.Equal(5, (int)entry.Node["timeoutSeconds"]!);
        Assert.Contains(("pods/ephemeralcontainers", "UPDATE"), entry.Matches());
        Assert.Contains(("cronjobs", "CREATE"), entry.Matches());
        Assert.Equal("admission-configuration", entry.Configuration.Labels["app.kubernetes.io/component"]);
    }

    [Theory, MemberData(nameof(Overlays))]
    public async Task Certificate_from_cert_manager_is_mounted_and_its_CA_injected(string overlay)
    {
        var manifest = await KustomizeRenderer.RenderAsync(overlay);
        var certificate = manifest.Single("Certificate", "pinned");
        var deployment = manifest.Single("Deployment");

        var tlsVolume = deployment["spec.template.spec.volumes"]!.AsArray().Single(v => (string?)v!["name"] == "tls");
        Assert.Equal((string?)certificate["spec.secretName"], (string?)KubeObject.Get(tlsVolume, "secret.secretName"));
        Assert.Contains("pinned.pinned-system.svc", certificate["spec.dnsNames"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("pinned-system/pinned", manifest.Single("ValidatingWebhookConfiguration").Annotations["cert-manager.io/inject-ca-from"]);
        var config = manifest.Single("ConfigMap");
        var configVolume = deployment["spec.template.spec.volumes"]!.AsArray().Single(v => (string?)v!["name"] == "config");
        Assert.Equal(config.Name, (string?)KubeObject.Get(configVolume, "configMap.name"));
    }

    [Theory, MemberData(nameof(Overlays))]
    public async Task Pods_are_hardened_and_pass_Pinned_own_policy(string overlay)
    {
        var manifest = await KustomizeRenderer.RenderAsync(overlay);

        SecurityContextTests.AssertHardened(manifest);
        Assert.Equal(1, OwnPolicy.WorkloadCount(manifest));
        Assert.Empty(OwnPolicy.Violations(manifest));
    }

    [Theory]
    [InlineData("overlays/audit", "Audit")]
    [InlineData("overlays/enforce", "Enforce")]
    public async Task Overlay_sets_the_mode_and_the_engine_loads_its_policy(string overlay, string mode)
    {
        var manifest = await KustomizeRenderer.RenderAsync(overlay);

        var options = PolicyLoader.Parse(PolicyConfigMapTests.PolicyText(manifest), overlay);
        Assert.Equal(Enum.Parse<RuleAction>(mode), options.Mode);
        Assert.Equal(["pinned-system", "kube-system"], options.ExemptNamespaces);
    }

    [Theory]
    [InlineData("Deployment", "spec")]
    [InlineData("Service", "spec")]
    [InlineData("PodDisruptionBudget", "spec")]
    [InlineData("ServiceAccount", "automountServiceAccountToken")]
    [InlineData("ClusterRole", "rules")]
    [InlineData("ClusterRoleBinding", "subjects")]
    [InlineData("Role", "rules")]
    [InlineData("RoleBinding", "subjects")]
    [InlineData("ValidatingWebhookConfiguration", "webhooks")]
    [InlineData("Certificate", "spec")]
    [InlineData("Issuer", "spec")]
    public async Task Base_objects_match_the_chart_with_cert_manager(string kind, string field)
    {
        var chart = await ChartRenderer.RenderAsync("ci/certmanager-values.yaml");
        var kustomize = await KustomizeRenderer.RenderAsync("overlays/audit");

        // The hook Jobs' accounts have no kustomize counterpart: there, the install order does their job.
        var chartObjects = chart.OfKind(kind)
            .Where(o => o.HookEvents.Count == 0 || o.Kind.EndsWith("WebhookConfiguration", StringComparison.Ordinal))
            .OrderBy(o => o.Name, StringComparer.Ordinal).ToArray();
        var kustomizeObjects = kustomize.OfKind(kind).OrderBy(o => o.Name, StringComparer.Ordinal).ToArray();
        Assert.Equal(chartObjects.Select(o => o.Name), kustomizeObjects.Select(o => o.Name));
        foreach (var (fromChart, fromKustomize) in chartObjects.Zip(kustomizeObjects))
        {
            var expected = Comparable(fromChart.Node[field], chart);
            var actual = Comparable(fromKustomize.Node[field], kustomize);
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{kind}/{fromChart.Name}.{field} differs:\nchart:     {expected?.ToJsonString()}\nkustomize: {actual?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Audit_overlay_policy_is_the_chart_default_policy()
    {
        var chart = PolicyLoader.Parse(PolicyConfigMapTests.PolicyText(await ChartRenderer.RenderAsync()));
        var kustomize = PolicyLoader.Parse(PolicyConfigMapTests.PolicyText(await KustomizeRenderer.RenderAsync("overlays/audit")));

        Assert.Equivalent(chart, kustomize, strict: true);
    }

    /// <summary>Drops what legitimately differs: Helm's labels and annotations, the ConfigMap's hashed name.</summary>
    private static JsonNode? Comparable(JsonNode? node, Manifest manifest)
    {
        var copy = node?.DeepClone();
        if (KubeObject.Get(copy, "template.metadata") is JsonObject podMetadata)
        {
            podMetadata.Remove("labels");
            podMetadata.Remove("annotations");
        }

        var configMapName = manifest.Single("ConfigMap").Name;
        foreach (var volume in KubeObject.Get(copy, "template.spec.volumes")?.AsArray() ?? [])
        {
            if ((string?)KubeObject.Get(volume, "configMap.name") == configMapName)
            {
                volume!["configMap"]!["name"] = "policy";
            }
        }

        return copy;
    }
}
