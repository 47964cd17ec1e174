using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;
using Pinned.Policy;
using Pinned.Policy.Vap;

namespace Pinned.Chart.Tests;

/// <summary>
/// admission.engine vap: the chart renders the ValidatingAdmissionPolicies and bindings that
/// `pinned vap` writes for the chart's own policy file, and nothing of the webhook that it no
/// longer needs.
/// </summary>
public sealed class VapEngineTests
{
    private const string FragmentsVariable = "PINNED_WRITE_VAP_FRAGMENTS";

    private static readonly string FragmentsFile = Path.Combine(RepoLayout.Chart, "templates", "_vap_cel.tpl");

    /// <summary>Value sets over every value-dependent part of the CEL; engine and apiVersion are added per render.</summary>
    private static readonly Dictionary<string, string> Policies = new()
    {
        ["defaults (audit mode)"] = "",
        ["every action, globs and host paths"] = """
            policy:
              mode: enforce
              exemptNamespaces: [team-a, team-b]
              rules:
                image-digest:
                  action: enforce
                  exemptImages: ["registry.k8s.io/pause:*", "nginx:**", "**/o'dd\\glob*", "index.docker.io/busybox:*", "localhost/x/*", "library/*", "Quay.io/a/b", "a.b/c***d", "ghcr.io/x.y+z(1)"]
                mutable-tag:
                  action: warn
                  mutableTags: [latest, Stable, edge, main]
                  exemptImages: ["docker.io/foo/*", "docker.io/bar"]
                host-path:
                  action: audit
                  allowedHostPaths:
                    - {pathPrefix: /var//log/, readOnly: true}
                    - {pathPrefix: /data}
                    - {pathPrefix: /var/log, readOnly: false}
                    - {pathPrefix: /opt}
                    - {pathPrefix: "/it's"}
                    - {pathPrefix: /}
            """,
        ["warn mode caps enforce"] = """
            policy:
              mode: warn
              rules:
                host-path:
                  action: disabled
                mutable-tag:
                  mutableTags: []
            """,
        ["two rules share the enforce policy"] = """
            policy:
              mode: enforce
              rules:
                mutable-tag:
                  action: audit
                host-path:
                  allowedHostPaths: [{pathPrefix: /etc/ssl/certs, readOnly: true}]
            """,
        ["every rule disabled"] = """
            policy:
              rules:
                image-digest: {action: disabled}
                mutable-tag: {action: disabled}
                host-path: {action: disabled}
            """,
        ["mutation keeps its webhook"] = """
            policy:
              mode: enforce
            mutation:
              enabled: true
            """,
    };

    public static TheoryData<string, string> Cases =>
        [.. Policies.Keys.SelectMany(name => new[] { (name, "v1"), (name, "v1beta1") })];

    [Fact]
    public void Fragments_file_is_what_the_code_generates()
    {
        var expected = VapChartFragments.Render();
        if (Environment.GetEnvironmentVariable(FragmentsVariable) == "1")
        {
            File.WriteAllText(FragmentsFile, expected);
        }

        var actual = File.Exists(FragmentsFile) ? File.ReadAllText(FragmentsFile) : "(missing)";
        Assert.True(expected == actual,
            $"{FragmentsFile} is stale: the CEL of src/Pinned.Policy/Vap changed. Regenerate it: {FragmentsVariable}=1 ./test.sh -class {typeof(VapEngineTests).FullName}");
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Chart_renders_what_pinned_vap_writes_for_the_charts_policy(string policy, string apiVersion)
    {
        using var values = new TemporaryValues(Policies[policy]);
        var chart = await RenderAsync(values, "vap", apiVersion);
        var policyFile = PolicyConfigMapTests.PolicyText(await RenderAsync(values, "webhook", apiVersion));

        // `pinned vap` refuses mutation (a policy cannot change objects); the chart keeps the
        // mutating webhook for it and hands the API server the validation.
        var options = PolicyLoader.Parse(policyFile.Replace("mutation:\n  enabled: true", "mutation:\n  enabled: false", StringComparison.Ordinal));
        using var written = new StringWriter();
        VapWriter.Write(written, options, apiVersion == "v1" ? VapApiVersion.V1 : VapApiVersion.V1Beta1, ChartRenderer.Release);
        var expected = Manifest.Parse(written.ToString()).Objects;
        var rendered = chart.Objects.Where(o => o.Kind.StartsWith("ValidatingAdmissionPolicy", StringComparison.Ordinal)).ToList();

        Assert.Equal(expected.Select(Identity), rendered.Select(Identity));
        foreach (var (want, got) in expected.Zip(rendered))
        {
            Assert.True(JsonNode.DeepEquals(want["spec"], got["spec"]), $"{got}: spec differs from pinned vap's\nchart: {got["spec"]}\npinned vap: {want["spec"]}");
            Assert.Equal(want.Annotations.GetValueOrDefault("pinned.dev/rules"), got.Annotations.GetValueOrDefault("pinned.dev/rules"));
            Assert.Equal("Helm", got.Labels["app.kubernetes.io/managed-by"]);
        }

        if (options.ImageDigest.Action != RuleAction.Disabled)
        {
            Assert.NotEmpty(rendered);
        }
    }

    [Fact]
    public async Task Without_audit_or_mutation_the_chart_is_only_the_policies()
    {
        using var values = new TemporaryValues("audit: {enabled: false}");
        var chart = await RenderAsync(values, "vap", "v1");

        Assert.Equal(["ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"], chart.Objects.Select(o => o.Kind).Distinct());
        Assert.All(chart.OfKind("ValidatingAdmissionPolicyBinding"), b => Assert.Contains(ChartRenderer.Namespace, b["spec.matchResources.namespaceSelector.matchExpressions[0].values"]!.AsArray().Select(v => (string?)v)));
    }

    [Fact]
    public async Task With_the_background_audit_the_pods_stay_and_no_webhook_is_registered()
    {
        using var values = new TemporaryValues("");
        var chart = await RenderAsync(values, "vap", "v1");

        Assert.Single(chart.OfKind("Deployment"));
        Assert.Single(chart.OfKind("ConfigMap"));
        Assert.Empty(chart.OfKind("ValidatingWebhookConfiguration"));
        Assert.Empty(chart.OfKind("MutatingWebhookConfiguration"));
        Assert.NotEmpty(chart.OfKind("ValidatingAdmissionPolicy"));
    }

    [Fact]
    public async Task With_mutation_only_the_mutating_webhook_is_registered()
    {
        using var values = new TemporaryValues("mutation: {enabled: true}\naudit: {enabled: false}");
        var chart = await RenderAsync(values, "vap", "v1");

        Assert.Single(chart.OfKind("Deployment"));
        Assert.Empty(chart.OfKind("ValidatingWebhookConfiguration"));
        Assert.Single(chart.OfKind("MutatingWebhookConfiguration"));
    }

    [Fact]
    public async Task The_webhook_engine_renders_no_policy()
    {
        var chart = await ChartRenderer.RenderAsync();

        Assert.Empty(chart.OfKind("ValidatingAdmissionPolicy"));
        Assert.Empty(chart.OfKind("ValidatingAdmissionPolicyBinding"));
        Assert.Single(chart.OfKind("ValidatingWebhookConfiguration"));
    }

    [Fact]
    public async Task Switching_to_vap_removes_the_kept_webhook_configuration_before_the_upgrade()
    {
        using var values = new TemporaryValues("audit: {enabled: false}");
        var chart = await RenderAsync(values, "vap", "v1", withHooks: true);

        // The ValidatingWebhookConfiguration is kept by helm.sh/resource-policy, so an upgrade that
        // drops it from the manifest would leave it pointing at a Service that is gone.
        var job = chart.Single("Job");
        Assert.Equal(["pre-upgrade"], job.HookEvents);
        var args = job["spec.template.spec.containers[0].args"]!.AsArray().Select(a => (string?)a).ToList();
        Assert.Equal(["delete", "validatingwebhookconfiguration", ChartRenderer.Release, "--ignore-not-found", "--wait=false"], args);
        var role = chart.Single("ClusterRole");
        Assert.Equal(["get", "delete"], role["rules[0].verbs"]!.AsArray().Select(v => (string?)v));
        Assert.Equal([ChartRenderer.Release], role["rules[0].resourceNames"]!.AsArray().Select(v => (string?)v));
    }

    [Theory]
    [InlineData("policy: {auditNamespaces: [team-a]}", "policy.auditNamespaces needs the webhook")]
    [InlineData("policy: {rules: {image-digest: {exemptImages: [\"ex\u00e4mple.com/*\"]}}}", "outside printable ASCII")]
    [InlineData("policy: {rules: {host-path: {allowedHostPaths: [{pathPrefix: \"/d\u00e9j\u00e0\"}]}}}", "outside printable ASCII")]
    public async Task What_the_policies_cannot_carry_fails_the_render_with_the_reason(string valuesYaml, string reason)
    {
        using var values = new TemporaryValues(valuesYaml);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RenderAsync(values, "vap", "v1"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Globs_that_make_an_expression_too_long_for_the_api_server_fail_the_render()
    {
        var globs = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"\"registry{i}.example.com/team/app-{i}:*\""));
        using var values = new TemporaryValues($"policy: {{rules: {{image-digest: {{exemptImages: [{globs}]}}}}}}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RenderAsync(values, "vap", "v1"));
        Assert.Contains("variables.violations would be", error.Message, StringComparison.Ordinal);
        Assert.Contains("the API server compiles at most 100,000", error.Message, StringComparison.Ordinal);
    }

    private static string Identity(KubeObject o) => $"{o["apiVersion"]} {o.Kind}/{o.Name}";

    private static async Task<Manifest> RenderAsync(TemporaryValues values, string engine, string apiVersion, bool withHooks = false)
    {
        using var engineValues = new TemporaryValues($"admission: {{engine: {engine}, vap: {{apiVersion: {apiVersion}}}}}");
        var manifest = await ChartRenderer.RenderFreshAsync(RepoLayout.Chart, [values.Path, engineValues.Path]);
        return withHooks ? manifest : new Manifest([.. manifest.Objects.Where(o => o.HookEvents.Count == 0 || o.Kind.Contains("Webhook", StringComparison.Ordinal))], manifest.Text);
    }

    /// <summary>A values file in a fresh temporary folder, deleted with it.</summary>
    private sealed class TemporaryValues : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("pinned-vap-values-").FullName;

        public TemporaryValues(string yaml)
        {
            Path = System.IO.Path.Combine(_folder, "values.yaml");
            File.WriteAllText(Path, yaml);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
