using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Chart.Tests;

public sealed class PolicyConfigMapTests
{
    public static TheoryData<string> ValueSetNames => [.. ValueSets.All];

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Policy_file_has_exactly_the_keys_of_the_spec_and_loads_in_the_engine(string valueSet)
    {
        var text = PolicyText(await ValueSets.RenderAsync(valueSet));
        var file = (JsonObject)YamlJson.ParseSingle(text)!;

        Assert.Equal(["mode", "exemptNamespaces", "rules", "registry", "mutation", "audit"], file.Select(p => p.Key));
        Assert.Equal(["image-digest", "mutable-tag", "host-path"], file["rules"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["action", "exemptImages"], file["rules"]!["image-digest"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["action", "mutableTags", "exemptImages"], file["rules"]!["mutable-tag"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["action", "allowedHostPaths"], file["rules"]!["host-path"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["insecure", "caFile", "dockerConfig", "timeout", "cacheTtl"], file["registry"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["enabled"], file["mutation"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["enabled", "interval", "reports"], file["audit"]!.AsObject().Select(p => p.Key));

        // The real loader of `pinned serve` and `pinned check` accepts it (it rejects unknown keys).
        var options = PolicyLoader.Parse(text, valueSet);
        Assert.Contains(ChartRenderer.Namespace, options.ExemptNamespaces);
        Assert.Contains("kube-system", options.ExemptNamespaces);
    }

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Values_map_one_to_one_onto_the_policy_file(string valueSet)
    {
        var file = (JsonObject)YamlJson.ParseSingle(PolicyText(await ValueSets.RenderAsync(valueSet)))!;
        var values = ValueSets.Values(valueSet);

        Assert.Equal((string?)values["policy"]!["mode"], (string?)file["mode"]);
        Assert.True(JsonNode.DeepEquals(values["policy"]!["rules"], file["rules"]), "rules differ from policy.rules");
        Assert.True(JsonNode.DeepEquals(values["registry"], file["registry"]), "registry differs from registry.*");
        Assert.True(JsonNode.DeepEquals(values["mutation"], file["mutation"]), "mutation differs from mutation.*");
        Assert.True(JsonNode.DeepEquals(values["audit"], file["audit"]), "audit differs from audit.*");
        string[] exempt =
        [
            ChartRenderer.Namespace, "kube-system",
            .. values["policy"]!["exemptNamespaces"]!.AsArray().Select(n => (string)n!),
            .. values["webhook"]!["excludeNamespaces"]!.AsArray().Select(n => (string)n!),
        ];
        Assert.Equal(exempt.Distinct(), file["exemptNamespaces"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task Engine_reads_the_admin_settings_of_the_exclusions_value_set()
    {
        var options = PolicyLoader.Parse(PolicyText(await ChartRenderer.RenderAsync("ci/exclusions-values.yaml")));

        Assert.Equal(RuleAction.Audit, options.Mode);
        Assert.Equal(RuleAction.Warn, options.MutableTag.Action);
        Assert.Equal(["latest", "main", "stable"], options.MutableTag.MutableTags);
        Assert.Equal(["registry.k8s.io/pause:*"], options.ImageDigest.ExemptImages);
        Assert.Equal(new AllowedHostPath("/var/log", true), Assert.Single(options.HostPath.AllowedHostPaths));
    }

    [Fact]
    public async Task Engine_reads_the_registry_settings_of_the_mutation_value_set()
    {
        var options = PolicyLoader.Parse(PolicyText(await ChartRenderer.RenderAsync("ci/mutation-values.yaml")));

        Assert.True(options.Mutation.Enabled);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.Registry.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Registry.CacheTtl);
        Assert.Equal("/etc/pinned/docker/config.json", options.Registry.DockerConfig);
        Assert.Equal(["registry.local:5000"], options.Registry.Insecure);
    }

    [Fact]
    public async Task Engine_reads_the_audit_settings_of_the_reports_value_set()
    {
        var options = PolicyLoader.Parse(PolicyText(await ChartRenderer.RenderAsync("ci/audit-reports-values.yaml")));

        Assert.True(options.Audit.Enabled);
        Assert.True(options.Audit.Reports);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Audit.Interval);
    }

    [Theory]
    [InlineData("defaults", "Audit")]
    [InlineData("ci/enforce-values.yaml", "Enforce")]
    [InlineData("ci/warn-values.yaml", "Warn")]
    public async Task Mode_value_becomes_the_engine_mode(string valueSet, string mode)
    {
        var options = PolicyLoader.Parse(PolicyText(await ValueSets.RenderAsync(valueSet)));

        Assert.Equal(Enum.Parse<RuleAction>(mode), options.Mode);
    }

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Pods_roll_when_the_policy_changes(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        var checksum = (string?)manifest.Single("Deployment")["spec.template.metadata.annotations"]!["checksum/policy"];

        var policy = PolicyText(manifest).TrimEnd('\n');
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(policy))), checksum);
    }

    internal static string PolicyText(Manifest manifest) =>
        (string?)manifest.PolicyConfigMap["data"]!["policy.yaml"]
        ?? throw new InvalidOperationException("ConfigMap has no policy.yaml");
}
