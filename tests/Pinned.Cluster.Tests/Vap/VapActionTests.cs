using Pinned.Cluster.Tests.Audit;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Vap;

/// <summary>
/// `pinned vap` output installed on the real API server (no webhook anywhere): each action does
/// what SPEC §4 says, judged by the API server itself. Every test installs the same policies, so
/// the order they run in does not matter.
/// </summary>
[Collection(VapCluster.Name)]
public sealed class VapActionTests(VapApiServer cluster)
{
    /// <summary>One per API server (a rerun gets a new one), so that creating it never meets an old one.</summary>
    private static readonly string Exempt = $"pinned-vap-exempt-{Guid.NewGuid().ToString("N")[..6]}";

    private static readonly string Digest = "sha256:" + new string('a', 64);

    /// <summary>Exempt from image-digest only, so that mutable-tag alone judges its images.</summary>
    private const string WarnOnly = "registry.example/warn-only";

    /// <summary>Policy changes reach the API server's admission through an informer; a few seconds idle.</summary>
    private static readonly TimeSpan PropagationBudget = TimeSpan.FromSeconds(90);

    private static readonly string Policy = $$"""
        exemptNamespaces: [{{Exempt}}]
        rules:
          image-digest: { action: enforce, exemptImages: ["{{WarnOnly}}/*"] }
          mutable-tag: { action: warn }
          host-path: { action: audit, allowedHostPaths: [{ pathPrefix: /var/log, readOnly: true }] }
        """;

    [Fact]
    public async Task The_generated_objects_pass_server_side_dry_run_as_v1beta1()
    {
        cluster.Require();
        // Names of its own, so that what other tests installed does not turn "created" into "configured".
        var prefix = $"dry-{Guid.NewGuid().ToString("N")[..8]}";
        var yaml = await GenerateAsync(prefix);
        var result = await cluster.KubectlAsync(["apply", "--dry-run=server", "-f", "-"], yaml);
        Assert.True(result.ExitCode == 0, $"{result}\n{yaml}");
        foreach (var action in new[] { "enforce", "warn", "audit" })
        {
            Assert.Contains($"validatingadmissionpolicy.admissionregistration.k8s.io/{prefix}-{action} created (server dry run)", result.Stdout);
            Assert.Contains($"validatingadmissionpolicybinding.admissionregistration.k8s.io/{prefix}-{action} created (server dry run)", result.Stdout);
        }
    }

    /// <summary>What `pinned vap` refuses as too long (VapRefusals.ExpressionCodePointLimit) is what this API server refuses to compile.</summary>
    private const int ExpressionCodePointLimit = 100_000;

    [Theory]
    [InlineData(ExpressionCodePointLimit, true)]
    [InlineData(ExpressionCodePointLimit + 1, false)]
    public async Task The_api_server_compiles_an_expression_up_to_the_length_pinned_vap_allows(int length, bool compiles)
    {
        cluster.Require();
        const string Head = "size('", Tail = "') > 0";
        var expression = Head + new string('a', length - Head.Length - Tail.Length) + Tail;
        var name = $"length-{Guid.NewGuid().ToString("N")[..8]}";
        var yaml = $$"""
            apiVersion: admissionregistration.k8s.io/v1beta1
            kind: ValidatingAdmissionPolicy
            metadata: { name: {{name}} }
            spec:
              matchConstraints:
                resourceRules: [{ apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods] }]
              variables: [{ name: long, expression: "{{expression}}" }]
              validations: [{ expression: "variables.long == true" }]
            """;

        var result = await cluster.KubectlAsync(["apply", "--dry-run=server", "-f", "-"], yaml);

        Assert.Equal(length, expression.Length);
        if (compiles)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
        }
        else
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("expression code point size exceeds limit", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pinned_vap_refuses_globs_that_would_make_an_expression_the_api_server_cannot_compile()
    {
        cluster.Require();
        string Globs(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"\"registry{i}.example.com/team/app-{i}:*\""));

        var refused = await VapOfAsync($"rules: {{ image-digest: {{ exemptImages: [{Globs(2000)}] }} }}");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("", refused.Stdout);
        Assert.Contains("pinned-enforce: variables.violations would be", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("the API server compiles at most 100,000", refused.Stderr, StringComparison.Ordinal);

        var accepted = await VapOfAsync($"rules: {{ image-digest: {{ exemptImages: [{Globs(300)}] }} }}");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        var dryRun = await cluster.KubectlAsync(["apply", "--dry-run=server", "-f", "-"], accepted.Stdout.Replace("name: pinned-", "name: globs-", StringComparison.Ordinal));
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
    }

    [Fact]
    public async Task Deny_refuses_with_the_path_the_image_and_the_fix()
    {
        var ns = await InstallAsync();
        var result = await CreatePodAsync(ns, "tagged", "nginx:1.27");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ValidatingAdmissionPolicy 'pinned-enforce'", result.Stderr);
        Assert.Contains("[image-digest] spec.containers[0].image: image 'nginx:1.27' is not pinned by digest", result.Stderr);
        Assert.Contains("nginx:1.27@sha256:<digest>", result.Stderr);
    }

    [Fact]
    public async Task Warn_admits_with_a_warning()
    {
        var ns = await InstallAsync();
        var result = await CreatePodAsync(ns, "latest", $"{WarnOnly}/app:latest");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Warning: Validation failed for ValidatingAdmissionPolicy 'pinned-warn'", result.Stderr);
        Assert.Contains($"[mutable-tag] spec.containers[0].image: image '{WarnOnly}/app:latest' uses the mutable tag 'latest'", result.Stderr);
        Assert.Contains($"pod/latest created", result.Stdout);

        var pinned = await CreatePodAsync(ns, "pinned", $"{WarnOnly}/app:latest@{Digest}");
        Assert.True(pinned.ExitCode == 0, pinned.ToString());
        Assert.DoesNotContain("mutable-tag", pinned.Stderr);
    }

    [Fact]
    public async Task Audit_admits_and_sets_the_audit_annotation()
    {
        var ns = await InstallAsync();
        const string hostPath = """
              volumes: [{ name: etc, hostPath: { path: /etc } }]
            """;
        var result = await cluster.KubectlAsync(["-n", ns, "create", "-f", "-"], PodYaml(ns, "etc", $"nginx@{Digest}", hostPath));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("host-path", result.Stderr);

        var deadline = DateTime.UtcNow + PropagationBudget;
        string? line = null;
        while (line is null && DateTime.UtcNow < deadline)
        {
            line = File.Exists(cluster.AuditLogPath)
                ? File.ReadLines(cluster.AuditLogPath).FirstOrDefault(l => l.Contains($"\"namespace\":\"{ns}\"", StringComparison.Ordinal)
                    && l.Contains("\"verb\":\"create\"", StringComparison.Ordinal) && l.Contains("pinned-audit/violations", StringComparison.Ordinal))
                : null;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.True(line is not null, $"no audit event of {ns} with the pinned-audit/violations annotation in {cluster.AuditLogPath}");
        Assert.Contains("[host-path] spec.volumes[0]", line);
    }

    [Fact]
    public async Task Exempt_namespaces_are_not_judged()
    {
        var judged = await InstallAsync(); // refuses nginx:1.27 there...
        if ((await cluster.KubectlAsync(["get", "namespace", Exempt])).ExitCode != 0)
        {
            await cluster.KubectlOkAsync("create", "namespace", Exempt);
            await cluster.KubectlOkAsync("-n", Exempt, "create", "serviceaccount", "default");
        }

        var name = $"free-{Guid.NewGuid().ToString("N")[..6]}";
        var result = await CreatePodAsync(Exempt, name, "nginx:1.27"); // ...and admits it here,
        Assert.True(result.ExitCode == 0, result.ToString());
        var unwarned = await CreatePodAsync(Exempt, name + "-latest", $"{WarnOnly}/app:latest"); // with no warning either.
        Assert.True(unwarned.ExitCode == 0, unwarned.ToString());
        Assert.DoesNotContain("Warning", unwarned.Stderr);
        Assert.NotEqual(0, (await CreatePodAsync(judged, name, "nginx:1.27")).ExitCode);
    }

    [Fact]
    public async Task An_update_is_judged_on_what_it_introduces()
    {
        var ns = await InstallAsync();
        // An old violator: admitted while the bindings are away.
        await cluster.KubectlOkAsync("delete", "validatingadmissionpolicybinding", "-l", "app.kubernetes.io/managed-by=pinned-vap");
        await UntilAsync(async () => (await CreatePodAsync(ns, "old", "nginx:1.27")).ExitCode == 0);
        await InstallAsync();

        var relabelled = await cluster.KubectlAsync(["-n", ns, "label", "pod", "old", "touched=yes"]);
        Assert.True(relabelled.ExitCode == 0, relabelled.ToString());

        var latest = await cluster.KubectlAsync(["-n", ns, "set", "image", "pod/old", "c=nginx:latest"]);
        Assert.NotEqual(0, latest.ExitCode);
        Assert.Contains("[image-digest] spec.containers[0].image: image 'nginx:latest' is not pinned by digest", latest.Stderr);
    }

    private static async Task<string> GenerateAsync(string? prefix = null)
    {
        var result = await VapOfAsync(Policy, prefix);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    private static async Task<CommandResult> VapOfAsync(string policy, string? prefix = null)
    {
        var config = Path.Combine(Path.GetTempPath(), $"pinned-vap-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(config, policy, TestContext.Current.CancellationToken);
        try
        {
            string[] name = prefix is null ? [] : ["--name", prefix];
            return await PinnedCli.RunAsync(["vap", "--config", config, "--api-version", "v1beta1", .. name]);
        }
        finally
        {
            File.Delete(config);
        }
    }

    /// <summary>Applies the policies and returns a fresh namespace once the API server enforces them there.</summary>
    private async Task<string> InstallAsync()
    {
        cluster.Require();
        await cluster.ApplyAsync(await GenerateAsync());
        var ns = await cluster.CreateNamespaceAsync("vap");
        await UntilAsync(async () => (await cluster.KubectlAsync(["-n", ns, "create", "--dry-run=server", "-f", "-"],
            PodYaml(ns, "probe", "nginx:1.27", ""))).ExitCode != 0);
        return ns;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + PropagationBudget;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not so within {PropagationBudget}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private Task<CommandResult> CreatePodAsync(string ns, string name, string image) =>
        cluster.KubectlAsync(["-n", ns, "create", "-f", "-"], PodYaml(ns, name, image, ""));

    private static string PodYaml(string ns, string name, string image, string extraSpec) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: { name: {{name}}, namespace: {{ns}} }
        spec:
          containers: [{ name: c, image: "{{image}}" }]
        {{extraSpec}}
        """;
}
