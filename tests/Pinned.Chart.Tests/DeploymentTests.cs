using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

public sealed class DeploymentTests
{
    public static TheoryData<string> ValueSetNames => [.. ValueSets.All];

    [Fact]
    public async Task Defaults_run_two_replicas_that_roll_without_losing_one_and_a_budget_that_lets_nodes_drain()
    {
        var manifest = await ChartRenderer.RenderAsync();
        var deployment = manifest.Single("Deployment");

        Assert.Equal(2, (int)deployment["spec.replicas"]!);
        Assert.Equal(0, (int)deployment["spec.strategy.rollingUpdate.maxUnavailable"]!);
        var pdb = manifest.Single("PodDisruptionBudget");
        Assert.Equal(1, (int)pdb["spec.maxUnavailable"]!);
        Assert.Null(pdb["spec.minAvailable"]);
        Assert.True(JsonNode.DeepEquals(deployment["spec.selector.matchLabels"], pdb["spec.selector.matchLabels"]));
    }

    [Fact]
    public async Task Defaults_spread_replicas_over_nodes_and_zones()
    {
        var deployment = (await ChartRenderer.RenderAsync()).Single("Deployment");
        var selector = deployment["spec.selector.matchLabels"];

        var antiAffinity = deployment["spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm"];
        Assert.Equal("kubernetes.io/hostname", (string?)antiAffinity?["topologyKey"]);
        Assert.True(JsonNode.DeepEquals(selector, KubeObject.Get(antiAffinity, "labelSelector.matchLabels")));
        var spread = deployment["spec.template.spec.topologySpreadConstraints[0]"];
        Assert.Equal("topology.kubernetes.io/zone", (string?)spread?["topologyKey"]);
        Assert.Equal("ScheduleAnyway", (string?)spread?["whenUnsatisfiable"]);
        Assert.Null(deployment["spec.template.spec.priorityClassName"]);
    }

    [Fact]
    public async Task Scheduling_values_replace_the_defaults()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/scheduling-values.yaml");
        var spec = manifest.Single("Deployment")["spec.template.spec"]!;

        Assert.Equal(3, (int)manifest.Single("Deployment")["spec.replicas"]!);
        Assert.Equal("system-cluster-critical", (string?)spec["priorityClassName"]);
        Assert.NotNull(KubeObject.Get(spec, "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution"));
        Assert.Null(KubeObject.Get(spec, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution"));
        Assert.Equal("DoNotSchedule", (string?)KubeObject.Get(spec, "topologySpreadConstraints[0].whenUnsatisfiable"));
        Assert.Single(spec["topologySpreadConstraints"]!.AsArray());
        Assert.Equal("linux", (string?)spec["nodeSelector"]!["kubernetes.io/os"]);
        Assert.Equal(2, (int)manifest.Single("PodDisruptionBudget")["spec.maxUnavailable"]!);
        Assert.Equal("384Mi", (string?)KubeObject.Get(spec, "containers[0].resources.limits.memory"));
        Assert.Equal("platform", (string?)manifest.Single("Deployment")["spec.template.metadata.annotations"]!["example.com/team"]);
        Assert.Equal("infra", (string?)manifest.Single("Deployment")["spec.template.metadata.labels"]!["example.com/cost-center"]);
    }

    [Fact]
    public async Task Budget_can_be_turned_off()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/no-pdb-values.yaml");

        Assert.Empty(manifest.OfKind("PodDisruptionBudget"));
        Assert.Equal(1, (int)manifest.Single("Deployment")["spec.replicas"]!);
    }

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Container_serves_https_8443_with_probes_on_healthz_and_readyz(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        var container = manifest.Single("Deployment")["spec.template.spec.containers[0]"]!;

        Assert.Equal(8443, (int)KubeObject.Get(container, "ports[0].containerPort")!);
        Assert.Equal("https", (string?)KubeObject.Get(container, "ports[0].name"));
        Assert.Equal("https", (string?)manifest.Single("Service")["spec.ports[0].targetPort"]);
        foreach (var (probe, path) in new[] { ("startupProbe", "/healthz"), ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz") })
        {
            Assert.Equal(path, (string?)KubeObject.Get(container, $"{probe}.httpGet.path"));
            Assert.Equal("HTTPS", (string?)KubeObject.Get(container, $"{probe}.httpGet.scheme"));
            Assert.Equal("https", (string?)KubeObject.Get(container, $"{probe}.httpGet.port"));
        }
    }

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Container_runs_pinned_serve_with_the_mounted_certificate_and_policy(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        var deployment = manifest.Single("Deployment");
        var container = deployment["spec.template.spec.containers[0]"]!;

        Assert.Null(container["command"]);
        Assert.Equal(
            ["--cert", "/tls/tls.crt", "--key", "/tls/tls.key", "--config", "/config/policy.yaml", "--port", "8443"],
            container["args"]!.AsArray().Select(a => (string?)a));
        var mounts = container["volumeMounts"]!.AsArray().ToDictionary(m => (string)m!["mountPath"]!, m => (string)m!["name"]!);
        var volumes = deployment["spec.template.spec.volumes"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!);
        Assert.Equal(ChartNames.Fullname(valueSet) + "-tls", (string?)KubeObject.Get(volumes[mounts["/tls"]], "secret.secretName"));
        Assert.Equal(manifest.PolicyConfigMap.Name, (string?)KubeObject.Get(volumes[mounts["/config"]], "configMap.name"));
        Assert.NotNull(KubeObject.Get(volumes[mounts["/tmp"]], "emptyDir"));
        var audit = (bool)ValueSets.Values(valueSet)["audit"]!["enabled"]!;
        Assert.Equal(audit, (bool)deployment["spec.template.spec.automountServiceAccountToken"]!);
        var env = container["env"]?.AsArray().Select(e => (string)e!["name"]!).ToArray() ?? [];
        Assert.Equal(audit ? ["POD_NAMESPACE", "POD_NAME", "PINNED_AUDIT_LEASE"] : [], env);
    }

    [Fact]
    public async Task Extra_volumes_are_mounted_read_only_for_registry_credentials()
    {
        var deployment = (await ChartRenderer.RenderAsync("ci/mutation-values.yaml")).Single("Deployment");
        var mounts = deployment["spec.template.spec.containers[0].volumeMounts"]!.AsArray();

        Assert.Contains(mounts, m => (string?)m!["mountPath"] == "/etc/pinned/docker" && (bool)m["readOnly"]!);
        Assert.Contains(deployment["spec.template.spec.volumes"]!.AsArray(), v => (string?)KubeObject.Get(v, "secret.secretName") == "regcred");
    }

    [Fact]
    public async Task Existing_service_account_and_pull_secrets_are_used()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/serviceaccount-values.yaml");
        var spec = manifest.Single("Deployment")["spec.template.spec"]!;

        Assert.Equal("pinned-webhook", (string?)spec["serviceAccountName"]);
        Assert.Null(manifest.Find("ServiceAccount", "pinned-webhook"));
        Assert.Equal("regcred", (string?)KubeObject.Get(spec, "imagePullSecrets[0].name"));
        Assert.Equal(
            "registry.example.com/platform/pinned:0.1.0@sha256:1111111111111111111111111111111111111111111111111111111111111111",
            (string?)KubeObject.Get(spec, "containers[0].image"));
        Assert.Equal("guard", manifest.Single("Deployment").Name);
    }
}
