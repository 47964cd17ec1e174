using System.Text.Json;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>`pinned audit` as a process against a real API server: formats, exit codes, options, pins.</summary>
[Collection(AuditCluster.Name)]
public sealed class AuditCommandTests(PlainApiServer server)
{
    [Fact]
    public async Task Json_report_has_checks_shape_with_owner_pods_drift_and_exits_1()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var result = await AuditAsync(scenario, "-n", scenario.Shop, "-o", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(scenario.ExpectedResults(), AuditJson.Lines(json.RootElement, scenario.Shop));
        Assert.Equal(AuditScenario.ExpectedPins(),
            json.RootElement.GetProperty("pins").EnumerateArray().Select(p => $"{p.GetProperty("image").GetString()} -> {p.GetProperty("pinned").GetString()}"));
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal((21, 7, 8, 2), (summary.GetProperty("objects").GetInt32(), summary.GetProperty("denied").GetInt32(),
            summary.GetProperty("violations").GetInt32(), summary.GetProperty("drift").GetInt32()));
    }

    [Fact]
    public async Task Text_report_groups_by_namespace_and_owner_and_lists_exempt_namespaces()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var result = await AuditAsync(scenario);

        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Stdout.Split('\n');
        int ns = Array.IndexOf(lines, scenario.Shop), web = Array.IndexOf(lines, "  Deployment web (4 pods)");
        Assert.True(ns >= 0 && web > ns, result.Stdout);
        Assert.StartsWith("    deny [image-digest] spec.template.spec.containers[0].image: ", lines[web + 1], StringComparison.Ordinal);
        Assert.Equal($"    drift [tag-on-several-digests] nginx:1.27 runs 2 images: {Digests.A} on 2 pods, {Digests.B} on 1 pod", lines[web + 2]);
        Assert.Equal($"    pin nginx:1.26 → nginx:1.26@{Digests.C}", lines[web + 3]);
        Assert.Equal("    Pod web-5d4-c", lines[web + 4]);
        Assert.StartsWith("      deny [image-digest] spec.ephemeralContainers[0].image: ", lines[web + 5], StringComparison.Ordinal);
        Assert.Contains($"exempt namespace {scenario.Tools}: 1 object not judged", lines);
        Assert.DoesNotContain("StatefulSet db", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(result.Stderr);
    }

    [Theory]
    [InlineData(new[] { "--mode", "audit" }, 0)]
    [InlineData(new[] { "--mode", "audit", "--fail-on", "drift" }, 1)]
    [InlineData(new[] { "--mode", "enforce" }, 1)]
    public async Task Exit_code_follows_what_would_be_denied_and_drift_only_with_fail_on_drift(string[] options, int expected)
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var result = await AuditAsync(scenario, ["-n", scenario.Shop, .. options]);
        Assert.True(result.ExitCode == expected, result.ToString());
    }

    [Fact]
    public async Task Sarif_locates_results_logically_by_namespace_kind_and_name_with_check_rules_and_drift_rules()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var result = await AuditAsync(scenario, "-n", scenario.Shop, "-o", "sarif");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var sarif = JsonDocument.Parse(result.Stdout);
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal(["image-digest", "mutable-tag", "host-path", "tag-on-several-digests", "pinned-but-different"],
            run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var located = run.GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("ruleId").GetString()} {r.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString()}")
            .ToList();
        Assert.Contains($"image-digest {scenario.Shop}/Deployment/web", located);
        Assert.Contains($"tag-on-several-digests {scenario.Shop}/Deployment/web", located);
        Assert.Contains($"pinned-but-different {scenario.Shop}/Deployment/api", located);
        Assert.Contains($"host-path {scenario.Shop}/DaemonSet/agent", located);
        Assert.Equal(10, located.Count);
    }

    [Fact]
    public async Task Pins_file_lets_pinned_pin_write_digests_with_no_registry()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var pins = await AuditAsync(scenario, "-n", scenario.Shop, "--pins");
        Assert.True(pins.ExitCode == 0, pins.ToString());
        var pinsFile = Path.Combine(Path.GetTempPath(), $"pins-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(pinsFile, pins.Stdout, TestContext.Current.CancellationToken);
        Assert.Contains($"\"nginx:1.26\": \"nginx:1.26@{Digests.C}\"", pins.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"nginx:1.27\"", pins.Stdout, StringComparison.Ordinal);

        const string Manifest = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: a
                image: docker.io/library/alpine:3.20
              - name: b
                image: httpd:2.4
            """;
        var pinned = await PinnedCli.RunAsync(["pin", "--from", pinsFile, "-"], stdin: Manifest);

        Assert.True(pinned.ExitCode == 0, pinned.ToString());
        Assert.Contains($"image: docker.io/library/alpine:3.20@{Digests.F}", pinned.Stdout, StringComparison.Ordinal);
        Assert.Contains($"image: httpd:2.4@{Digests.Four}", pinned.Stdout, StringComparison.Ordinal);

        var unknown = await PinnedCli.RunAsync(["pin", "--from", pinsFile, "-"], stdin: Manifest.Replace("httpd:2.4", "nginx:1.27", StringComparison.Ordinal));
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.Contains($"cannot resolve nginx:1.27 at {pinsFile}: not in {pinsFile}", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_is_found_through_KUBECONFIG_and_context_picks_among_its_contexts()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var merged = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        var good = await File.ReadAllTextAsync(server.KubeconfigPath, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(merged, good, TestContext.Current.CancellationToken);
        var env = new Dictionary<string, string?> { ["KUBECONFIG"] = merged };
        await KubectlAsync(env, "config", "set-cluster", "nowhere", "--server=https://127.0.0.1:1");
        await KubectlAsync(env, "config", "set-context", "broken", "--cluster=nowhere", "--user=" + await KubectlAsync(env, "config", "view", "-o", "jsonpath={.users[0].name}"));
        var working = await KubectlAsync(env, "config", "current-context");
        await KubectlAsync(env, "config", "use-context", "broken");

        var viaContext = await PinnedCli.RunAsync(["audit", "--context", working.Trim(), "-n", scenario.Shop, "--config", scenario.PolicyFile, "-o", "json"], env);
        Assert.True(viaContext.ExitCode == 1, viaContext.ToString());

        // The current context's server refuses connections: retried within --timeout, then named.
        var broken = await PinnedCli.RunAsync(["audit", "-n", scenario.Shop, "--config", scenario.PolicyFile, "--timeout", "3s"], env);
        Assert.True(broken.ExitCode == 2, broken.ToString());
        Assert.Contains("not audited: CronJob (cronjobs.batch): ", broken.Stderr, StringComparison.Ordinal);
        Assert.Contains("not audited: Pod (pods): not tried: the API server did not answer CronJobs", broken.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_kubeconfig_anywhere_is_exit_2_with_a_message()
    {
        server.Require();
        var result = await PinnedCli.RunAsync(["audit"], new Dictionary<string, string?> { ["HOME"] = Path.GetTempPath() + "/no-home" });
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("pinned audit: no kubeconfig found at /nonexistent/kubeconfig", result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> KubectlAsync(Dictionary<string, string?> env, params string[] args)
    {
        var result = await ChildProcess.RunAsync("kubectl", args, TimeSpan.FromSeconds(60), env, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    private Task<CommandResult> AuditAsync(AuditScenario scenario, params string[] args) =>
        PinnedCli.RunAsync(["audit", "--kubeconfig", server.KubeconfigPath, "--config", scenario.PolicyFile, .. args]);
}
