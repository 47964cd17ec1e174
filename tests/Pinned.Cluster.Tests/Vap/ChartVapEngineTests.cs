using Pinned.Cluster.Tests.Chart;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Vap;

/// <summary>
/// The chart with admission.engine vap and no background audit, installed by real Helm into the
/// VAP-enabled API server: only policies and bindings, so nothing waits for a kubelet; the API
/// server then refuses a mutable tag by itself, with no webhook registered anywhere.
/// </summary>
[Collection(VapCluster.Name)]
public sealed class ChartVapEngineTests(VapApiServer cluster)
{
    /// <summary>Policy changes reach the API server's admission through an informer; a few seconds idle.</summary>
    private static readonly TimeSpan PropagationBudget = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Exempt from image-digest in VapActionTests' policies, which stay installed between tests of
    /// this collection: their verdict on these images is at most a warning.
    /// </summary>
    private const string Image = "registry.example/warn-only/app";

    private const string Values = """
        admission: { engine: vap, vap: { apiVersion: v1beta1 } }
        audit: { enabled: false }
        policy:
          mode: enforce
          rules:
            image-digest: { action: disabled }
            mutable-tag: { action: enforce }
            host-path: { action: disabled }
        """;

    [Theory, MemberData(nameof(HelmBinary.Majors), MemberType = typeof(HelmBinary))]
    public async Task Helm_install_makes_the_api_server_refuse_a_mutable_tag_without_a_webhook(int major)
    {
        cluster.Require();
        var helm = new Helm(major, cluster);
        var release = $"pinned-vap{major}"; // contains "pinned", so it is also the full name
        var releaseNamespace = await cluster.CreateNamespaceAsync("chartvap-release");
        var values = Path.Combine(Directory.CreateTempSubdirectory("pinned-chartvap-").FullName, "values.yaml");
        await File.WriteAllTextAsync(values, Values, TestContext.Current.CancellationToken);
        await helm.OkAsync("install", release, Helm.ChartDirectory, "--namespace", releaseNamespace, "-f", values, "--wait", "--timeout", Helm.Timeout);
        try
        {
            var ns = await cluster.CreateNamespaceAsync("chartvap");
            await UntilAsync(async () => (await CreatePodAsync(ns, "probe", $"{Image}:latest", dryRun: true)).ExitCode != 0);

            var latest = await CreatePodAsync(ns, "latest", $"{Image}:latest");
            Assert.NotEqual(0, latest.ExitCode);
            Assert.Contains($"ValidatingAdmissionPolicy '{release}-enforce'", latest.Stderr);
            Assert.Contains($"[mutable-tag] spec.containers[0].image: image '{Image}:latest' uses the mutable tag 'latest'", latest.Stderr);

            var versioned = await CreatePodAsync(ns, "versioned", $"{Image}:1.0");
            Assert.True(versioned.ExitCode == 0, versioned.ToString());

            var exempt = await CreatePodAsync(releaseNamespace, "latest", $"{Image}:latest");
            Assert.True(exempt.ExitCode == 0, $"the release namespace is exempt: {exempt}");

            var webhooks = await cluster.KubectlOkAsync("get", "validatingwebhookconfigurations,mutatingwebhookconfigurations", "-o", "name");
            Assert.DoesNotContain(release, webhooks);
        }
        finally
        {
            await helm.OkAsync("uninstall", release, "--namespace", releaseNamespace, "--wait", "--timeout", Helm.Timeout);
            var after = await cluster.CreateNamespaceAsync("chartvap-after");
            // Gone from admission too, so that the next test of the collection never meets it.
            await UntilAsync(async () => (await CreatePodAsync(after, "probe", $"{Image}:latest", dryRun: true)).ExitCode == 0);
        }
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

    private Task<CommandResult> CreatePodAsync(string ns, string name, string image, bool dryRun = false) =>
        cluster.KubectlAsync(dryRun ? ["-n", ns, "create", "--dry-run=server", "-f", "-"] : ["-n", ns, "create", "-f", "-"], $$"""
            apiVersion: v1
            kind: Pod
            metadata: { name: {{name}}, namespace: {{ns}} }
            spec:
              containers: [{ name: c, image: "{{image}}" }]
            """);
}
